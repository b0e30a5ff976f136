package io.jenkins.plugins.k8sbackup.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Write semantics of a real API server that the CRUD mock lacks: {@code ?dryRun=All} (validate, answer as if
 * written, store nothing; 404 for a missing namespace or an unserved type, 409 for an existing object) and
 * RFC 7386 JSON merge patch, where {@code null} deletes a key (the mock stores the null). Secrets' stringData is
 * merged into data here too (see {@link SecretStringData}).
 */
final class ServerSideWrites {
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String JSON_PATCH = "application/json-patch+json";

    private final Dispatcher crud;
    private final Predicate<String> servedCollection;

    /** {@code servedCollection} answers whether a collection path (".../configmaps") names a served type. */
    ServerSideWrites(Dispatcher crud, Predicate<String> servedCollection) {
        this.crud = crud;
        this.servedCollection = servedCollection;
    }

    static boolean isMergePatch(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        return request.method() == HttpMethod.PATCH && type != null && type.startsWith(MERGE_PATCH);
    }

    /** Applies a merge patch properly and stores the result with an update. */
    MockResponse mergePatch(RecordedRequest request, String path) throws Exception {
        MockResponse current = get(request, path);
        if (current.code() != 200) {
            return current;
        }
        ObjectNode merged = merge((ObjectNode) JSON.readTree(current.getBody().getBytes()), JSON.readTree(request.getUtf8Body()));
        if (SecretStringData.isSecret(path)) {
            SecretStringData.mergeInto(merged);
        }
        return crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, path,
                headers("application/json"), new Buffer(JSON.writeValueAsBytes(merged))));
    }

    MockResponse dryRun(RecordedRequest request, String path) throws Exception {
        HttpMethod method = request.method();
        if (method == HttpMethod.POST) {
            return dryRunCreate(request, path);
        }
        MockResponse current = get(request, path);
        if (current.code() != 200) {
            return current;
        }
        JsonNode existing = JSON.readTree(current.getBody().getBytes());
        return switch (method) {
            case PUT -> MockApiDispatcher.json(200, JSON.readTree(request.getUtf8Body()));
            case PATCH -> MockApiDispatcher.json(200, patched(request, (ObjectNode) existing));
            case DELETE -> MockApiDispatcher.json(200, existing);
            default -> MockApiDispatcher.status(405, "MethodNotAllowed", "dry-run of " + method + " is not supported");
        };
    }

    private MockResponse dryRunCreate(RecordedRequest request, String collection) throws Exception {
        if (!servedCollection.test(collection)) {
            return MockApiDispatcher.status(404, "NotFound", "the server could not find the requested resource");
        }
        String[] s = collection.split("/");
        for (int i = 0; i + 1 < s.length; i++) {
            if (s[i].equals("namespaces") && i + 2 < s.length
                    && get(request, "/api/v1/namespaces/" + s[i + 1]).code() == 404) {
                return MockApiDispatcher.status(404, "NotFound", "namespaces \"" + s[i + 1] + "\" not found");
            }
        }
        ObjectNode body = (ObjectNode) JSON.readTree(request.getUtf8Body());
        String name = body.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            return MockApiDispatcher.status(422, "Invalid", "metadata.name: Required value");
        }
        if (get(request, collection + "/" + name).code() == 200) {
            return MockApiDispatcher.status(409, "AlreadyExists", body.path("kind").asText() + " \"" + name + "\" already exists");
        }
        if (SecretStringData.isSecret(collection)) {
            SecretStringData.mergeInto(body);
        }
        ObjectNode meta = (ObjectNode) body.get("metadata");
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        meta.put("generation", 1);
        return MockApiDispatcher.json(201, body);
    }

    private static JsonNode patched(RecordedRequest request, ObjectNode existing) throws Exception {
        String type = request.getHeader("Content-Type");
        JsonNode patch = JSON.readTree(request.getUtf8Body());
        if (type != null && type.startsWith(JSON_PATCH)) {
            return JsonPatch.apply(patch, existing);
        }
        return merge(existing, patch);
    }

    /** RFC 7386: objects merge recursively, null removes, anything else replaces. */
    static ObjectNode merge(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode value = f.getValue();
            if (value.isNull()) {
                target.remove(f.getKey());
            } else if (value.isObject() && target.get(f.getKey()) instanceof ObjectNode inner) {
                merge(inner, value);
            } else if (value.isObject()) {
                target.set(f.getKey(), merge(JSON.createObjectNode(), value));
            } else {
                target.set(f.getKey(), value);
            }
        }
        return target;
    }

    private MockResponse get(RecordedRequest request, String path) {
        return crud.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.GET, path,
                request.getHeaders(), new Buffer()));
    }

    private static Headers headers(String contentType) {
        return Headers.builder().add("Content-Type", contentType).build();
    }
}
