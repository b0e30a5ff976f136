package io.jenkins.plugins.k8sbackup.archive;

import com.github.luben.zstd.ZstdOutputStream;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Streams the per-object index (JSON lines, zstd) to storage while the backup runs, so memory stays flat. */
public final class IndexWriter implements AutoCloseable {
    private final StorageWriter target;
    private final Sha256.DigestingOutputStream digest;
    private final OutputStream out;
    /** One generator for the whole index, never flushed per record: a flush would end a zstd block each time. */
    private final JsonGenerator generator;
    private long count;
    private boolean finished;

    public IndexWriter(StorageWriter target) throws IOException {
        this.target = target;
        this.digest = new Sha256.DigestingOutputStream(target);
        this.out = new BufferedOutputStream(new ZstdOutputStream(digest, 3), 1 << 16);
        this.generator = Json.MAPPER.createGenerator(out);
    }

    /** Several records under one lock: types backed up in parallel share the index. */
    public synchronized void addAll(java.util.List<ObjectRecord> records) throws IOException {
        for (ObjectRecord r : records) {
            write(generator, r);
            generator.writeRaw('\n');
            count++;
        }
    }

    /**
     * One record, field by field: what Jackson would write for it (IndexWriterTest holds the two together), without
     * its reflection for each of the backup's objects.
     */
    static void write(JsonGenerator g, ObjectRecord r) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", r.path());
        g.writeStringField("resource", r.resource());
        g.writeStringField("apiVersion", r.apiVersion());
        g.writeStringField("kind", r.kind());
        g.writeStringField("namespace", r.namespace());
        g.writeStringField("name", r.name());
        g.writeStringField("sha256", r.sha256());
        g.writeNumberField("size", r.size());
        g.writeBooleanField("encrypted", r.encrypted());
        if (r.frameOffset() == null) {
            g.writeNullField("frameOffset");
        } else {
            g.writeNumberField("frameOffset", r.frameOffset());
        }
        if (r.frameSegment() == null) {
            g.writeNullField("frameSegment");
        } else {
            g.writeNumberField("frameSegment", r.frameSegment());
        }
        g.writeEndObject();
    }

    public long count() {
        return count;
    }

    public TypeArchiveWriter.StoredFile finish() throws IOException {
        finished = true;
        try {
            generator.close(); // and the streams under it
            out.close();
        } catch (IOException e) {
            target.abort();
            throw e;
        }
        return new TypeArchiveWriter.StoredFile(digest.count(), digest.hex());
    }

    @Override
    public void close() {
        if (!finished) {
            target.abort();
        }
    }
}
