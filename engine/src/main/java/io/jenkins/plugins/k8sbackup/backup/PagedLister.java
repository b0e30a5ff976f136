package io.jenkins.plugins.k8sbackup.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Lists one resource type page by page (limit/continue), fetching the next page while the caller
 * processes the current one. Pages are read as JSON trees through fabric8's authenticated HTTP client:
 * a backup stores JSON, so binding every object to Java classes and back would only cost time.
 * On 410 Gone (the continue token expired, e.g. after etcd compaction) it starts the list again and skips
 * what it already handed out: the API server lists in key order ("namespace/name" bytes), so remembering
 * the last key is enough and memory stays constant.
 */
final class PagedLister {
    private static final int MAX_RESTARTS = 5;

    interface ItemConsumer {
        void accept(ObjectNode item) throws Exception;
    }

    private record Page(List<ObjectNode> items, String continueToken) {}

    private final KubernetesClient client;
    private final ApiCaller caller;
    private final ExecutorService prefetch;
    private final ProgressListener progress;

    PagedLister(KubernetesClient client, ApiCaller caller, ExecutorService prefetch, ProgressListener progress) {
        this.client = client;
        this.caller = caller;
        this.prefetch = prefetch;
        this.progress = progress;
    }

    /** @return how many times the list had to restart after 410 */
    int list(ResourceType type, String namespace, String labelSelector, int pageSize, ItemConsumer consumer) throws Exception {
        String lastKey = null;
        int restarts = 0;
        String token = null;
        CompletableFuture<Page> next = fetch(type, namespace, labelSelector, pageSize, null);
        while (true) {
            Page page;
            try {
                page = await(next);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 410 && token != null && restarts < MAX_RESTARTS) {
                    restarts++;
                    progress.warn(type + ": list continuation expired (410 Gone); restarting the list after "
                            + (lastKey == null ? "the start" : lastKey));
                    token = null;
                    next = fetch(type, namespace, labelSelector, pageSize, null);
                    continue;
                }
                throw e;
            }
            token = page.continueToken();
            boolean more = token != null && !token.isEmpty();
            next = more ? fetch(type, namespace, labelSelector, pageSize, token) : null;
            for (ObjectNode item : page.items()) {
                String key = key(item);
                if (lastKey != null && key.compareTo(lastKey) <= 0) {
                    continue; // already handed out before a restart
                }
                consumer.accept(item);
                lastKey = key;
            }
            if (!more) {
                return restarts;
            }
        }
    }

    private CompletableFuture<Page> fetch(ResourceType type, String namespace, String labelSelector, int pageSize, String token) {
        String url = url(type, namespace, labelSelector, pageSize, token);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return caller.call(() -> get(url));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, prefetch);
    }

    private String url(ResourceType type, String namespace, String labelSelector, int pageSize, String token) {
        String base = client.getMasterUrl().toString().replaceAll("/+$", "");
        StringBuilder u = new StringBuilder(base).append(type.group().isEmpty() ? "/api/" : "/apis/" + type.group() + "/")
                .append(type.version());
        if (type.namespaced() && namespace != null) {
            u.append("/namespaces/").append(encode(namespace));
        }
        u.append('/').append(type.plural()).append("?limit=").append(pageSize);
        if (token != null) {
            u.append("&continue=").append(encode(token));
        }
        if (labelSelector != null && !labelSelector.isBlank()) {
            u.append("&labelSelector=").append(encode(labelSelector));
        }
        return u.toString();
    }

    private Page get(String url) {
        HttpClient http = client.getHttpClient();
        HttpResponse<byte[]> response;
        try {
            response = http.sendAsync(http.newHttpRequestBuilder().uri(url).header("Accept", "application/json").build(),
                    byte[].class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted", e);
        } catch (ExecutionException e) {
            throw new KubernetesClientException("GET " + url + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        try {
            JsonNode body = Json.MAPPER.readTree(response.body());
            if (response.code() != 200) {
                Status status = body != null && "Status".equals(body.path("kind").asText())
                        ? Json.MAPPER.treeToValue(body, Status.class) : null;
                throw new KubernetesClientException("GET " + url + ": " + (status != null ? status.getMessage() : "HTTP " + response.code()),
                        response.code(), status);
            }
            List<ObjectNode> items = new ArrayList<>();
            for (JsonNode item : body.path("items")) {
                items.add((ObjectNode) item);
            }
            String cont = body.path("metadata").path("continue").asText(null);
            return new Page(items, cont);
        } catch (java.io.IOException e) {
            throw new KubernetesClientException("GET " + url + ": unreadable response: " + e.getMessage(), response.code(), null);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    static String key(JsonNode o) {
        return o.path("metadata").path("namespace").asText("") + "/" + o.path("metadata").path("name").asText();
    }
}
