package io.jenkins.plugins.k8sbackup.jenkinshome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming read of an index's files gives what was written, field by field, and refuses what it cannot read. */
class IndexFilesTest {

    private static List<FileEntry> readAll(byte[] zstdJson) throws IOException {
        List<FileEntry> out = new ArrayList<>();
        try (IndexFiles files = new IndexFiles(zstdJson)) {
            for (FileEntry e; (e = files.next()) != null; ) {
                out.add(e);
            }
        }
        return out;
    }

    private static byte[] zstd(String json) {
        return Zstd.compress(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsBackEveryFieldTheWriterWrote() throws IOException {
        List<FileEntry> written = List.of(
                new FileEntry("a/config.xml", 12, 0644, "a".repeat(64), 1_700_000_000_123L, "12:1:2:3"),
                new FileEntry("b/ünïcode \"quoted\".log", 5L << 32, -1, "b".repeat(64), -5, null),
                new FileEntry("c", 0, 0, null, 0, ""));
        byte[] index;
        try (IndexWriter w = new IndexWriter("n")) {
            for (FileEntry e : written) {
                w.add(e);
            }
            index = w.finish(List.of("gone/file"), List.of("git:5.2.0"));
        }

        assertThat(readAll(index)).containsExactlyElementsOf(written);
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(index))) {
            assertThat(Json.MAPPER.readValue(in, FileIndex.class).files()).as("restore's read, by data binding")
                    .containsExactlyElementsOf(written);
        }
    }

    @Test
    void skipsUnknownFieldsAndDefaultsMissingOnesAsDataBindingDid() throws IOException {
        byte[] index = zstd("{\"plugins\":[\"x:1\"],\"files\":[{\"extra\":{\"nested\":[1,2]},\"path\":\"p\",\"sha256\":null},"
                + "{\"path\":\"q\",\"size\":7,\"later\":true}],\"formatVersion\":1}");

        assertThat(readAll(index)).containsExactly(new FileEntry("p", 0, 0, null, 0, null),
                new FileEntry("q", 7, 0, null, 0, null));
    }

    @Test
    void refusesAValueOfTheWrongTypeInsteadOfMisreadingIt() {
        assertThatThrownBy(() -> readAll(zstd("{\"files\":[{\"path\":\"p\",\"size\":\"12\"}]}")))
                .isInstanceOf(IOException.class).hasMessageContaining("size is not a whole number");
        assertThatThrownBy(() -> readAll(zstd("{\"files\":[{\"path\":7}]}")))
                .isInstanceOf(IOException.class).hasMessageContaining("path is not a string");
        assertThatThrownBy(() -> readAll(zstd("{\"files\":[{\"path\":\"p\",\"mode\":99999999999}]}")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> readAll(zstd("{\"files\":[\"p\"]}")))
                .isInstanceOf(IOException.class).hasMessageContaining("not a list of objects");
    }
}
