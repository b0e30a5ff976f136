package io.jenkins.plugins.k8sbackup.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trailer check against synthetic snapshots: bbolt pages (n x 4096) plus their SHA-256, in any chunking. */
class SnapshotIntegrityTest {

    private static byte[] snapshot(int pages) {
        byte[] db = new byte[pages * 4096];
        new Random(pages).nextBytes(db);
        byte[] sha = HexFormat.of().parseHex(Sha256.hex(db));
        byte[] out = new byte[db.length + 32];
        System.arraycopy(db, 0, out, 0, db.length);
        System.arraycopy(sha, 0, out, db.length, 32);
        return out;
    }

    private static SnapshotIntegrity check(byte[] data, int chunk) throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        SnapshotIntegrity.Check c = new SnapshotIntegrity.Check(copy);
        for (int off = 0; off < data.length; off += chunk) {
            c.write(data, off, Math.min(chunk, data.length - off));
        }
        assertThat(copy.toByteArray()).as("passes bytes through unchanged").isEqualTo(data);
        return c.result();
    }

    @Test
    void acceptsAValidTrailerWhateverTheChunking() throws IOException {
        byte[] data = snapshot(5);
        for (int chunk : new int[] {1, 7, 31, 32, 33, 4096, 32 * 1024, data.length}) {
            SnapshotIntegrity r = check(data, chunk);
            assertThat(r.ok()).as("chunk %d", chunk).isTrue();
            assertThat(r.size()).isEqualTo(data.length);
        }
    }

    @Test
    void detectsAFlippedByteInTheDatabaseOrTheTrailer() throws IOException {
        byte[] body = snapshot(3);
        body[100] ^= 0x40;
        SnapshotIntegrity r = check(body, 1000);
        assertThat(r.hasHash()).isTrue();
        assertThat(r.valid()).isFalse();
        assertThat(r.describe()).contains("does NOT match");

        byte[] trailer = snapshot(3);
        trailer[trailer.length - 1] ^= 0x01;
        assertThat(check(trailer, 4096).valid()).isFalse();
    }

    @Test
    void reportsAMissingTrailerForRawDatabasesAndTruncatedFiles() throws IOException {
        byte[] raw = new byte[4096 * 2];
        assertThat(check(raw, 512).hasHash()).isFalse();
        byte[] truncated = java.util.Arrays.copyOf(snapshot(2), 4096 * 2 + 20);
        SnapshotIntegrity r = check(truncated, 512);
        assertThat(r.ok()).isFalse();
        assertThat(r.describe()).contains("no embedded integrity hash");
    }
}
