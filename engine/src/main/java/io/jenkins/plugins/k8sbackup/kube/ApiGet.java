package io.jenkins.plugins.k8sbackup.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.util.concurrent.ExecutionException;

/**
 * A GET whose answer is read as bytes, through fabric8's authenticated HTTP client: for list pages (stored as the
 * server sent them) and for documents fabric8 has no model of (aggregated discovery). Failures are thrown as
 * fabric8's do, with the HTTP code and the server's Status, so {@link ApiCaller} retries them the same way.
 */
public final class ApiGet {
    private ApiGet() {}

    /** {@code pathAndQuery}: from the server's root, e.g. "/apis?x=y"; {@code accept}: the Accept header. */
    public static byte[] get(KubernetesClient client, String pathAndQuery, String accept) {
        String url = url(client, pathAndQuery);
        HttpClient http = client.getHttpClient();
        ResponseBody.Response response;
        try {
            response = ResponseBody.get(http, http.newHttpRequestBuilder().uri(url).header("Accept", accept).build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted", e);
        } catch (ExecutionException e) {
            throw new KubernetesClientException("GET " + url + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        if (response.code() != 200) {
            throw failure("GET", url, response.code(), response.body());
        }
        return response.body();
    }

    /** The server's URL (trailing slashes dropped) followed by {@code pathAndQuery}; no regex: it runs for every write. */
    static String url(KubernetesClient client, String pathAndQuery) {
        String master = client.getMasterUrl().toString();
        int end = master.length();
        while (end > 0 && master.charAt(end - 1) == '/') {
            end--;
        }
        return master.substring(0, end) + pathAndQuery;
    }

    static KubernetesClientException failure(String method, String url, int code, byte[] body) {
        Status status = null;
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            if (tree != null && "Status".equals(tree.path("kind").asText())) {
                status = Json.MAPPER.treeToValue(tree, Status.class);
            }
        } catch (IOException notJson) {
            // the status line is all there is
        }
        return new KubernetesClientException(method + " " + url + ": " + (status != null ? status.getMessage() : "HTTP " + code), code, status);
    }
}
