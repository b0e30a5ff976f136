package io.jenkins.plugins.k8sbackup.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;

/** When a live object counts as ready; null for types verify does not wait on. Answers why not, or null when ready. */
final class Readiness {
    private Readiness() {}

    static boolean watched(String resource) {
        return switch (resource) {
            case "deployments.apps", "statefulsets.apps", "daemonsets.apps", "jobs.batch", WellKnownTypes.PVCS -> true;
            default -> false;
        };
    }

    /** Null when ready, otherwise the state seen. */
    static String notReady(String resource, JsonNode o) {
        JsonNode status = o.path("status");
        int replicas = o.path("spec").path("replicas").asInt(1);
        return switch (resource) {
            case "deployments.apps" -> status.path("availableReplicas").asInt(0) >= replicas && generationObserved(o)
                    ? null : status.path("availableReplicas").asInt(0) + "/" + replicas + " available";
            case "statefulsets.apps" -> status.path("readyReplicas").asInt(0) >= replicas && generationObserved(o)
                    ? null : status.path("readyReplicas").asInt(0) + "/" + replicas + " ready";
            case "daemonsets.apps" -> status.has("desiredNumberScheduled")
                    && status.path("currentNumberScheduled").asInt(-1) == status.path("desiredNumberScheduled").asInt()
                    && status.path("numberMisscheduled").asInt(0) == 0
                    ? null : status.path("currentNumberScheduled").asInt(0) + "/" + status.path("desiredNumberScheduled").asInt(0) + " scheduled";
            case "jobs.batch" -> jobComplete(o) ? null : status.path("succeeded").asInt(0) + "/"
                    + o.path("spec").path("completions").asInt(1) + " succeeded";
            case WellKnownTypes.PVCS -> "Bound".equals(status.path("phase").asText()) ? null : "phase " + status.path("phase").asText("Pending");
            default -> null;
        };
    }

    private static boolean generationObserved(JsonNode o) {
        JsonNode observed = o.path("status").get("observedGeneration");
        JsonNode generation = o.path("metadata").get("generation");
        return observed == null || generation == null || observed.asLong() >= generation.asLong();
    }

    private static boolean jobComplete(JsonNode o) {
        for (JsonNode c : o.path("status").path("conditions")) {
            if ("Complete".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                return true;
            }
        }
        return o.path("status").path("succeeded").asInt(0) >= o.path("spec").path("completions").asInt(1);
    }
}
