package io.jenkins.plugins.k8sbackup.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a restore promises to bring back of an object, written out here on its own from docs/restore.md
 * ("Sanitising") rather than taken from the product's Sanitizer, so that a rule that drops too much is found:
 * everything but what the API server assigns (uid, resourceVersion, generation, timestamps, managedFields, status),
 * owner references (dropped when the owner is restored, for its controller to adopt again), a Service's assigned
 * cluster IPs and node ports (kept: headless "None") and a Pod's node and priority.
 */
final class PromisedContent {
    private static final List<String> SERVER_SET_METADATA = List.of("uid", "resourceVersion", "generation", "creationTimestamp",
            "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields", "ownerReferences");

    private PromisedContent() {}

    static JsonNode of(JsonNode live) {
        ObjectNode o = live.deepCopy();
        o.remove("status");
        if (o.get("metadata") instanceof ObjectNode meta) {
            meta.remove(SERVER_SET_METADATA);
        }
        if (o.get("spec") instanceof ObjectNode spec) {
            switch (o.path("kind").asText()) {
                case "Service" -> {
                    if (!"None".equals(spec.path("clusterIP").asText())) {
                        spec.remove(List.of("clusterIP", "clusterIPs"));
                    }
                    spec.remove("healthCheckNodePort");
                    spec.path("ports").forEach(p -> ((ObjectNode) p).remove("nodePort"));
                }
                case "Pod" -> spec.remove(List.of("nodeName", "priority"));
                default -> { }
            }
        }
        return o;
    }
}
