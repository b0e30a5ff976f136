package io.jenkins.plugins.k8sbackup.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Secret's {@code stringData} as a real API server treats it: write-only. Each key is merged into {@code data},
 * base64-encoded, replacing a key of the same name, and {@code stringData} itself is neither stored nor returned.
 * The CRUD mock stored it as given, so a backup of it saw a field no real cluster ever serves.
 */
final class SecretStringData {
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    /** A Secret or the Secrets of a namespace (not a subresource). */
    private static final Pattern SECRET_PATH = Pattern.compile("/api/v1/namespaces/[^/]+/secrets(/[^/]+)?");

    private SecretStringData() {}

    static boolean isSecret(String path) {
        return SECRET_PATH.matcher(path).matches();
    }

    /** The request with its body's stringData merged into data, when it writes a Secret that has some. */
    static RecordedRequest merged(RecordedRequest request, String path) throws Exception {
        if (!isSecret(path) || request.getBody() == null || request.getBody().size() == 0) {
            return request;
        }
        JsonNode body = JSON.readTree(request.getBody().getBytes()); // getUtf8Body() would consume it
        if (!(body instanceof ObjectNode secret) || !secret.has("stringData")) {
            return request;
        }
        mergeInto(secret);
        return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
                new Buffer(JSON.writeValueAsBytes(secret)));
    }

    static ObjectNode mergeInto(ObjectNode secret) {
        JsonNode stringData = secret.remove("stringData");
        if (stringData == null || !stringData.isObject()) {
            return secret;
        }
        ObjectNode data = secret.get("data") instanceof ObjectNode d ? d : secret.putObject("data");
        for (Iterator<Map.Entry<String, JsonNode>> it = stringData.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            data.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        }
        return secret;
    }
}
