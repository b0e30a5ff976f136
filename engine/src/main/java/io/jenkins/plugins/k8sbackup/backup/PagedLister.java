package io.jenkins.plugins.k8sbackup.backup;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.ApiGet;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.util.Futures;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Lists one resource type page by page (limit/continue), fetching the next page while the caller
 * processes the current one. Each item comes as the bytes the API server sent (what a backup stores) and a
 * {@link #summary} of what the backup reads: binding every object to Java classes and back would only cost time.
 * Backup stores what it lists; diff and verify compare it (see diff/LiveCursor).
 * On 410 Gone (the continue token expired, e.g. after etcd compaction) it starts the list again and skips
 * what it already handed out: the API server lists in key order ("namespace/name" bytes), so remembering
 * the last key is enough and memory stays constant.
 */
public final class PagedLister {
    private static final int MAX_RESTARTS = 5;

    public interface ItemConsumer {
        /**
         * {@code raw}: the object's bytes as the API server sent them; {@code item}: its {@link #summary}, what
         * the filters and the index look at.
         */
        void accept(ObjectNode item, byte[] raw) throws Exception;
    }

    record Listed(ObjectNode tree, byte[] raw) {}

    record Page(List<Listed> items, String continueToken) {}

    private final KubernetesClient client;
    private final ApiCaller caller;
    private final ExecutorService prefetch;
    private final ProgressListener progress;

    public PagedLister(KubernetesClient client, ApiCaller caller, ExecutorService prefetch, ProgressListener progress) {
        this.client = client;
        this.caller = caller;
        this.prefetch = prefetch;
        this.progress = progress;
    }

    /** @return how many times the list had to restart after 410 */
    public int list(ResourceType type, String namespace, String labelSelector, int pageSize, boolean keepSpec, ItemConsumer consumer)
            throws Exception {
        ObjectNode last = null; // its key is only worked out after a restart
        String resumeAfter = null;
        int restarts = 0;
        String token = null;
        CompletableFuture<Page> next = fetch(type, namespace, labelSelector, pageSize, keepSpec, null);
        while (true) {
            Page page;
            try {
                page = Futures.await(next);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 410 && token != null && restarts < MAX_RESTARTS) {
                    restarts++;
                    resumeAfter = last == null ? null : key(last);
                    progress.warn(type + ": list continuation expired (410 Gone); restarting the list after "
                            + (resumeAfter == null ? "the start" : resumeAfter));
                    token = null;
                    next = fetch(type, namespace, labelSelector, pageSize, keepSpec, null);
                    continue;
                }
                throw e;
            }
            token = page.continueToken();
            boolean more = token != null && !token.isEmpty();
            next = more ? fetch(type, namespace, labelSelector, pageSize, keepSpec, token) : null;
            for (Listed item : page.items()) {
                if (resumeAfter != null) {
                    if (key(item.tree()).compareTo(resumeAfter) <= 0) {
                        continue; // already handed out before a restart
                    }
                    resumeAfter = null; // past it: keys only grow from here
                }
                consumer.accept(item.tree(), item.raw());
                last = item.tree();
            }
            if (!more) {
                return restarts;
            }
        }
    }

    private CompletableFuture<Page> fetch(ResourceType type, String namespace, String labelSelector, int pageSize, boolean keepSpec,
                                          String token) {
        String url = url(type, namespace, labelSelector, pageSize, token);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return caller.call(() -> get(url, keepSpec));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, prefetch);
    }

    private String url(ResourceType type, String namespace, String labelSelector, int pageSize, String token) {
        StringBuilder u = new StringBuilder(type.group().isEmpty() ? "/api/" : "/apis/" + type.group() + "/").append(type.version());
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

    private Page get(String url, boolean keepSpec) {
        byte[] body = ApiGet.get(client, url, "application/json");
        try {
            return page(body, keepSpec);
        } catch (IOException e) {
            throw new KubernetesClientException("GET " + url + ": unreadable response: " + e.getMessage(), 200, null);
        }
    }

    /**
     * A list response, streamed: each item is parsed to a tree (for the filters) and its bytes kept as sent, so
     * storing it is a copy, not a re-serialisation.
     */
    static Page page(byte[] body, boolean keepSpec) throws IOException {
        List<Listed> items = new ArrayList<>();
        String cont = null;
        try (JsonParser p = Json.MAPPER.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("items") && value == JsonToken.START_ARRAY) {
                    JsonToken t = p.nextToken();
                    while (t == JsonToken.START_OBJECT) {
                        int start = (int) p.currentTokenLocation().getByteOffset();
                        ObjectNode item = summary(p, keepSpec);
                        int end = (int) p.currentTokenLocation().getByteOffset() + 1; // past the item's closing brace
                        items.add(new Listed(item, Arrays.copyOfRange(body, start, end)));
                        t = p.nextToken();
                    }
                    if (t != JsonToken.END_ARRAY) {
                        throw new IOException("items is not an array of objects");
                    }
                } else if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                    cont = Json.MAPPER.<JsonNode>readTree(p).path("continue").asText(null);
                } else {
                    p.skipChildren();
                }
            }
        }
        return new Page(items, cont);
    }

    /**
     * The object whose START_OBJECT the parser is on (left on its END_OBJECT), as far as a backup reads it: apiVersion
     * and kind, the metadata its filters and index use (name, namespace, labels, ownerReferences, and whether it has
     * the members {@link StoredJson} drops, kept as null), and spec when {@code keepSpec} (claims: their volumes and
     * snapshots). Everything else (payloads, annotations, status) is only skipped: the stored bytes carry it, and
     * decoding it only to throw it away was most of the cost of reading a page.
     */
    static ObjectNode summary(JsonParser p, boolean keepSpec) throws IOException {
        ObjectNode o = Json.MAPPER.getNodeFactory().objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                ObjectNode metadata = o.putObject(field);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (KEPT_METADATA.contains(name)) {
                        metadata.set(name, Json.MAPPER.readTree(p));
                    } else {
                        p.skipChildren();
                        if (StoredJson.DROPPED.contains(name)) {
                            metadata.putNull(name); // present, not read: StoredJson still knows to drop it
                        }
                    }
                }
            } else if (field.equals("apiVersion") || field.equals("kind") || keepSpec && field.equals("spec")) {
                o.set(field, Json.MAPPER.readTree(p));
            } else {
                p.skipChildren();
            }
        }
        return o;
    }

    private static final java.util.Set<String> KEPT_METADATA = java.util.Set.of("name", "namespace", "labels", "ownerReferences");

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The key the API server lists in: "namespace/name" (an empty namespace for cluster-scoped objects). */
    public static String key(JsonNode o) {
        return o.path("metadata").path("namespace").asText("") + "/" + o.path("metadata").path("name").asText();
    }
}
