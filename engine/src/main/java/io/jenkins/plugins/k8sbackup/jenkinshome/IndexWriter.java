package io.jenkins.plugins.k8sbackup.jenkinshome;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.luben.zstd.ZstdOutputStream;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Writes a backup's {@link FileIndex} one entry at a time while the archive is written, straight into zstd: the
 * backup holds the compressed index (a few dozen bytes per file, mostly the sha256) instead of an object per file.
 * The bytes are those {@link BackupObjects#readIndex} and {@link IndexFiles} read.
 */
final class IndexWriter implements AutoCloseable {
    private static final ObjectWriter ENTRY = Json.MAPPER.writerFor(FileEntry.class)
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(1 << 16);
    private final JsonGenerator json;
    private int count;

    IndexWriter(String backupName) throws IOException {
        json = Json.MAPPER.getFactory().createGenerator(new ZstdOutputStream(compressed, ArchiveWriter.ZSTD_LEVEL));
        json.writeStartObject();
        json.writeNumberField("formatVersion", FileIndex.FORMAT_VERSION);
        json.writeStringField("backupName", backupName);
        json.writeArrayFieldStart("files");
    }

    void add(FileEntry entry) throws IOException {
        ENTRY.writeValue(json, entry);
        count++;
    }

    /** Files added so far. */
    int count() {
        return count;
    }

    /** Ends the index with the deletions and the plugin list; returns the zstd-compressed JSON. */
    byte[] finish(List<String> deletions, List<String> plugins) throws IOException {
        json.writeEndArray();
        writeStrings("deletions", deletions);
        writeStrings("plugins", plugins);
        json.writeEndObject();
        json.close();
        return compressed.toByteArray();
    }

    private void writeStrings(String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
