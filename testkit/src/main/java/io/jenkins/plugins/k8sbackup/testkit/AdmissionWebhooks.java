package io.jenkins.plugins.k8sbackup.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;

/**
 * What a real API server does with a write that an admission webhook it cannot call matches: with
 * {@code failurePolicy: Fail} (the default) it refuses the write (500, "failed calling webhook"); with
 * {@code Ignore} it lets it through. A webhook cannot be called when its Service does not exist, or when it is
 * given by URL (the mock reaches no URL). A webhook whose Service exists is taken to allow everything: the mock
 * cannot run it. Rules are matched on operation, API group, version, resource (with subresources) and scope;
 * namespace and object selectors are not evaluated, so a webhook here applies to every namespace (stricter than
 * a cluster where it excludes some). As on a real API server, writes of webhook configurations themselves are
 * never sent to webhooks.
 */
final class AdmissionWebhooks {
    private static final String GROUP = "admissionregistration.k8s.io";
    private static final List<String> CONFIGURATIONS = List.of("validatingwebhookconfigurations", "mutatingwebhookconfigurations");

    private final MockApiDispatcher store;

    AdmissionWebhooks(MockApiDispatcher store) {
        this.store = store;
    }

    /** What a write is, as admission sees it. */
    record Attributes(String operation, String group, String version, String resource, String subresource, boolean namespaced) {
        /** From a write's path: /api/v1/[namespaces/N/]R[/name[/sub]] or /apis/G/V/[namespaces/N/]R[/name[/sub]]. */
        static Attributes of(HttpMethod method, String path) {
            String[] s = path.replaceAll("^/+", "").split("/");
            int base = s[0].equals("api") ? 2 : 3;
            if (!s[0].equals("api") && !s[0].equals("apis") || s.length <= base) {
                return null;
            }
            String group = s[0].equals("api") ? "" : s[1];
            String version = s[base - 1];
            String operation = switch (method) {
                case POST -> "CREATE";
                case PUT, PATCH -> "UPDATE";
                case DELETE -> "DELETE";
                default -> null;
            };
            int rest = s.length - base;
            boolean inNamespace = s[base].equals("namespaces") && rest >= 3
                    && !(rest == 3 && (s[base + 2].equals("status") || s[base + 2].equals("finalize")));
            int r = inNamespace ? base + 2 : base;
            String sub = s.length > r + 2 ? s[r + 2] : "";
            return operation == null ? null : new Attributes(operation, group, version, s[r], sub, inNamespace);
        }
    }

    /** The refusal of a write by a webhook that cannot be called, or null when the write may go on. */
    MockResponse refusal(HttpMethod method, String path) throws Exception {
        Attributes write = Attributes.of(method, path);
        if (write == null || write.group().equals(GROUP) && CONFIGURATIONS.contains(write.resource())) {
            return null;
        }
        for (String configurations : CONFIGURATIONS) {
            for (JsonNode configuration : store.stored("/apis/" + GROUP + "/v1/" + configurations)) {
                for (JsonNode webhook : configuration.path("webhooks")) {
                    if (!"Ignore".equals(webhook.path("failurePolicy").asText()) && matches(webhook, write)) {
                        String unreachable = unreachable(webhook.path("clientConfig"));
                        if (unreachable != null) {
                            return MockApiDispatcher.status(500, "InternalError", "Internal error occurred: failed calling webhook \""
                                    + webhook.path("name").asText() + "\": failed to call webhook: " + unreachable);
                        }
                    }
                }
            }
        }
        return null;
    }

    private String unreachable(JsonNode clientConfig) {
        JsonNode service = clientConfig.path("service");
        if (!service.isObject()) {
            return "Post \"" + clientConfig.path("url").asText() + "\": dial tcp: connect: connection refused";
        }
        String ns = service.path("namespace").asText();
        String name = service.path("name").asText();
        return store.exists("/api/v1/namespaces/" + ns + "/services/" + name) ? null
                : "Post \"https://" + name + "." + ns + ".svc:" + service.path("port").asInt(443) + service.path("path").asText("")
                        + "?timeout=10s\": service \"" + name + "\" not found";
    }

    private static boolean matches(JsonNode webhook, Attributes write) {
        for (JsonNode rule : webhook.path("rules")) {
            String scope = rule.path("scope").asText("*");
            if (contains(rule.path("operations"), write.operation()) && contains(rule.path("apiGroups"), write.group())
                    && contains(rule.path("apiVersions"), write.version()) && resourceMatches(rule.path("resources"), write)
                    && (scope.equals("*") || scope.equals(write.namespaced() ? "Namespaced" : "Cluster"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode v : values) {
            if (v.asText().equals("*") || v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** "pods" matches the pods themselves, "pods/status" and "*\/status" a subresource, "*" every resource, "*\/*" everything. */
    private static boolean resourceMatches(JsonNode resources, Attributes write) {
        for (JsonNode r : resources) {
            String[] rule = r.asText().split("/", 2);
            String ruleSub = rule.length > 1 ? rule[1] : "";
            if ((rule[0].equals("*") || rule[0].equals(write.resource()))
                    && (ruleSub.equals("*") || ruleSub.equals(write.subresource()))) {
                return true;
            }
        }
        return false;
    }
}
