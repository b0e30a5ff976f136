package io.jenkins.plugins.k8sbackup.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Pods read as JSON trees, for the hooks: they need a pod's name, annotations, containers and status, and nothing of
 * fabric8's typed model. One pod that does not fit that model (a string where it expects an integer, as
 * {@code containerPort: "http"}) made a typed list of its whole namespace throw, and with it a finished restore.
 */
public final class PodsAsJson {
    private PodsAsJson() {}

    /** The pods of a namespace, those matching {@code labelSelector} when one is given. */
    public static List<JsonNode> list(KubernetesClient client, ApiCaller caller, String namespace, String labelSelector)
            throws InterruptedException {
        String path = collection(namespace) + (labelSelector == null || labelSelector.isBlank() ? ""
                : "?labelSelector=" + encode(labelSelector));
        JsonNode list = read(caller.call(() -> ApiGet.get(client, path, "application/json")), path);
        List<JsonNode> pods = new ArrayList<>();
        list.path("items").forEach(pods::add);
        return pods;
    }

    /** The pod, or null when it does not exist. */
    public static JsonNode get(KubernetesClient client, ApiCaller caller, String namespace, String name) throws InterruptedException {
        String path = collection(namespace) + "/" + encode(name);
        try {
            return read(caller.call(() -> ApiGet.get(client, path, "application/json")), path);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Whether the pod's phase is Running: hooks run only there, as in Velero. */
    public static boolean running(JsonNode pod) {
        return "Running".equals(pod.path("status").path("phase").asText());
    }

    public static String name(JsonNode pod) {
        return pod.path("metadata").path("name").asText();
    }

    public static String namespace(JsonNode pod) {
        return pod.path("metadata").path("namespace").asText();
    }

    private static String collection(String namespace) {
        return "/api/v1/namespaces/" + encode(namespace) + "/pods";
    }

    private static JsonNode read(byte[] body, String path) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new KubernetesClientException("GET " + path + ": the answer is not JSON: " + e.getMessage(), 200, null);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
