package io.jenkins.plugins.k8sbackup.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import java.util.concurrent.ExecutionException;

/**
 * A create (POST) of JSON bytes through fabric8's authenticated HTTP client, answered as bytes. fabric8's typed
 * create turns a tree into a model object, serialises it, parses the answer into another and the caller turns that
 * back into a tree; for a restore of many small objects those conversions were most of the client's CPU per write.
 * Failures are thrown as fabric8's are (HTTP code and the server's Status), so {@link ApiCaller} and the 409
 * handling treat them alike.
 */
public final class ApiPost {
    private ApiPost() {}

    /** The collection's path from the server's root, e.g. "/apis/apps/v1/namespaces/shop/deployments". */
    public static String collectionPath(ResourceType type, String namespace) {
        StringBuilder path = new StringBuilder(type.group().isEmpty() ? "/api/" : "/apis/" + type.group() + "/").append(type.version());
        if (type.namespaced() && namespace != null) {
            path.append("/namespaces/").append(namespace);
        }
        return path.append('/').append(type.plural()).toString();
    }

    /** {@code pathAndQuery}: from the server's root. Returns the server's answer (the created object). */
    public static byte[] post(KubernetesClient client, String pathAndQuery, byte[] json) {
        String url = ApiGet.url(client, pathAndQuery);
        HttpClient http = client.getHttpClient();
        ResponseBody.Response response;
        try {
            response = ResponseBody.get(http, http.newHttpRequestBuilder().uri(url).header("Accept", "application/json")
                    .post("application/json", json).build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted", e);
        } catch (ExecutionException e) {
            throw new KubernetesClientException("POST " + url + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        if (response.code() < 200 || response.code() > 299) {
            throw ApiGet.failure("POST", url, response.code(), response.body());
        }
        return response.body();
    }
}
