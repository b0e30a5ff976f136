package io.jenkins.plugins.k8sbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stored form is the API server's bytes minus bookkeeping: the same object a tree-based cleaner would give. */
class StoredJsonTest {
    final StoredJson configMaps;

    StoredJsonTest() throws Exception {
        configMaps = new StoredJson("v1", "ConfigMap");
    }

    private byte[] storedBytes(String raw) throws Exception {
        return configMaps.of(raw.getBytes(StandardCharsets.UTF_8), Json.MAPPER.readTree(raw));
    }

    private JsonNode stored(String raw) throws Exception {
        return Json.MAPPER.readTree(storedBytes(raw));
    }

    /** What the stored form must equal: the object with apiVersion/kind added and the bookkeeping removed. */
    private static JsonNode expected(String raw) throws Exception {
        ObjectNode o = (ObjectNode) Json.MAPPER.readTree(raw);
        if (!o.has("apiVersion")) {
            o.put("apiVersion", "v1");
        }
        if (!o.has("kind")) {
            o.put("kind", "ConfigMap");
        }
        if (o.get("metadata") instanceof ObjectNode m) {
            m.remove("managedFields");
            m.remove("selfLink");
        }
        return o;
    }

    @Test
    void dropsManagedFieldsAndSelfLinkWhereverTheyStandAndAddsApiVersionAndKindFirst() throws Exception {
        String[] raws = {
            "{\"metadata\":{\"managedFields\":[{\"manager\":\"kubectl\",\"fieldsV1\":{\"f:data\":{}}}],\"name\":\"a\",\"namespace\":\"n\"},\"data\":{\"k\":\"v\"}}",
            "{\"metadata\":{\"name\":\"a\",\"managedFields\":[],\"namespace\":\"n\",\"selfLink\":\"/api/v1/x\"},\"data\":{\"k\":\"v\"}}",
            "{\"data\":{\"k\":\"v\"},\"metadata\":{\"name\":\"a\",\"selfLink\":\"/x\",\"managedFields\":[{}]}}",
            "{\"metadata\":{\"managedFields\":[]}}",
            "{\"metadata\":{}}",
            "{}",
            "{\"apiVersion\":\"v1\",\"data\":{\"x\":\"y\"},\"metadata\":{\"managedFields\":[],\"name\":\"late\"},\"immutable\":true}",
            "{ \"kind\" : \"ConfigMap\" , \"metadata\" : { \"selfLink\" : \"x\" } , \"data\" : { } }",
            "{\"data\":{\"k\":\"v\"}}",
        };
        for (String raw : raws) {
            assertThat(stored(raw)).as(raw).isEqualTo(expected(raw));
        }
        assertThat(new String(storedBytes("{\"metadata\":{\"name\":\"a\"}}"), StandardCharsets.UTF_8))
                .isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}");
        assertThat(new String(storedBytes("{\"metadata\":{\"managedFields\":[{}],\"name\":\"a\"},\"data\":{}}"), StandardCharsets.UTF_8))
                .isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},\"data\":{}}");
    }

    @Test
    void keepsTheServersBytesFormattingAndUnicodeAndTouchesOnlyTheTopLevelMetadata() throws Exception {
        String raw = """
                {
                  "apiVersion" : "apps/v1", "kind": "Deployment",
                  "metadata" : {
                    "name" : "web",
                    "managedFields" : [ {"manager": "kube-controller-manager"} ] ,
                    "annotations" : { "note" : "caf\\u00e9 \u2603 \\"quoted\\", {braces}" }
                  },
                  "spec" : { "template" : { "metadata" : { "managedFields" : "not ours to drop", "selfLink": "x" } } }
                }
                """;

        JsonNode out = stored(raw);

        assertThat(out).isEqualTo(expected(raw));
        assertThat(out.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(out.at("/spec/template/metadata/managedFields").asText()).isEqualTo("not ours to drop");
        assertThat(out.at("/metadata/annotations/note").asText()).isEqualTo("café ☃ \"quoted\", {braces}");
        assertThat(new String(storedBytes(raw), StandardCharsets.UTF_8))
                .contains("\"annotations\" : { \"note\" : \"caf\\u00e9 \u2603");
    }

    @Test
    void worksFromTheSummaryAPageGives() throws Exception {
        String item = "{\"metadata\":{\"name\":\"a\",\"managedFields\":[{\"manager\":\"kubectl\"}]},\"data\":{\"k\":\"v\"}}";
        var listed = PagedLister.page(("{\"items\":[" + item + "]}").getBytes(StandardCharsets.UTF_8), false).items().get(0);

        byte[] out = configMaps.of(listed.raw(), listed.tree());

        assertThat(Json.MAPPER.readTree(out)).isEqualTo(expected(item));
    }
}
