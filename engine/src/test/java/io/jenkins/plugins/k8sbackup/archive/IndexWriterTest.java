package io.jenkins.plugins.k8sbackup.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The index's hand-written lines are exactly what Jackson writes for the record, so readers see no difference. */
class IndexWriterTest {
    private static String written(ObjectRecord r) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            IndexWriter.write(g, r);
        }
        return out.toString();
    }

    @Test
    void writesWhatJacksonWritesAndReadsBack() throws Exception {
        ObjectRecord namespaced = new ObjectRecord("resources/secrets/namespaces/shop/db.json.enc", "secrets", "v1", "Secret",
                "shop", "db", "ab".repeat(32), 1234, true);
        ObjectRecord cluster = new ObjectRecord("resources/persistentvolumes/cluster/pv-\"1\".json", "persistentvolumes", "v1",
                "PersistentVolume", null, "pv-\"1\"", "cd".repeat(32), 0, false);

        for (ObjectRecord r : new ObjectRecord[] {namespaced, cluster}) {
            assertThat(written(r)).isEqualTo(Json.MAPPER.writeValueAsString(r));
            assertThat(Json.MAPPER.readValue(written(r), ObjectRecord.class)).isEqualTo(r);
        }
    }
}
