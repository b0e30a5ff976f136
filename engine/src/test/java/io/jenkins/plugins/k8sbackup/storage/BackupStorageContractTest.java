package io.jenkins.plugins.k8sbackup.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BackupStorage} must do; each implementation runs it through a subclass. */
abstract class BackupStorageContractTest {
    static final int MIB = 1 << 20;

    protected BackupStorage storage;

    protected abstract BackupStorage newStorage() throws IOException;

    /** Asserts that no temporary file, pending upload or other trace of an unfinished write is left. */
    protected abstract void assertNoLeftovers() throws IOException;

    @BeforeEach
    void openStorage() throws IOException {
        storage = newStorage();
    }

    @AfterEach
    void closeStorage() throws IOException {
        storage.close();
    }

    @Test
    void writtenObjectReadsBackAndExists() throws IOException {
        storage.write("backups/b1/objects/v1/configmaps/ns/cm.json", "{\"a\":1}".getBytes(UTF_8));

        assertThat(storage.read("backups/b1/objects/v1/configmaps/ns/cm.json")).asString(UTF_8).isEqualTo("{\"a\":1}");
        assertThat(storage.exists("backups/b1/objects/v1/configmaps/ns/cm.json")).isTrue();
        assertThat(storage.exists("backups/b1/objects/v1/configmaps/ns/other.json")).isFalse();
    }

    @Test
    void emptyObjectAndOverwrite() throws IOException {
        storage.write("k/empty", new byte[0]);
        storage.write("k/x", "first".getBytes(UTF_8));
        storage.write("k/x", "second".getBytes(UTF_8));

        assertThat(storage.read("k/empty")).isEmpty();
        assertThat(storage.read("k/x")).asString(UTF_8).isEqualTo("second");
    }

    @Test
    void missingKeyIsFileNotFound() {
        assertThatThrownBy(() -> storage.open("backups/none/manifest.json")).isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("backups/none/manifest.json");
        assertThatThrownBy(() -> storage.read("nothing")).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void objectIsInvisibleUntilClosed() throws IOException {
        try (StorageWriter w = storage.create("backups/b1/manifest.json")) {
            w.write("{}".getBytes(UTF_8));
            assertThat(w.bytesWritten()).isEqualTo(2);
            assertThat(storage.exists("backups/b1/manifest.json")).isFalse();
            assertThat(storage.list("backups/")).isEmpty();
        }
        assertThat(storage.exists("backups/b1/manifest.json")).isTrue();
    }

    @Test
    void listIsRecursiveSortedAndSized() throws IOException {
        storage.write("backups/b2/data", new byte[7]);
        storage.write("backups/b1/objects/x.json", new byte[3]);
        storage.write("backups/b1/manifest.json", new byte[5]);
        storage.write("backups/b10/manifest.json", new byte[1]);
        storage.write("jenkins/j1/home.tar.zst", new byte[2]);

        assertThat(storage.list("backups/")).extracting(StoredObject::key).containsExactly(
                "backups/b1/manifest.json", "backups/b1/objects/x.json", "backups/b10/manifest.json", "backups/b2/data");
        assertThat(storage.list("backups/b1/")).extracting(StoredObject::size).containsExactly(5L, 3L);
        assertThat(storage.list("backups/b1/")).allSatisfy(o -> assertThat(o.lastModified()).isNotNull());
        assertThat(storage.list("")).hasSize(5);
        assertThat(storage.list("etcd/")).isEmpty();
    }

    @Test
    void listChildrenGivesImmediateSubdirectories() throws IOException {
        storage.write("backups/b2/data", new byte[1]);
        storage.write("backups/b1/objects/x.json", new byte[1]);
        storage.write("backups/b1/manifest.json", new byte[1]);
        storage.write("jenkins/j1/a", new byte[1]);

        assertThat(storage.listChildren("backups/")).containsExactly("b1", "b2");
        assertThat(storage.listChildren("backups/b1/")).containsExactly("objects");
        assertThat(storage.listChildren("")).containsExactly("backups", "jenkins");
        assertThat(storage.listChildren("etcd/")).isEmpty();
    }

    @Test
    void deletePrefixRemovesOnlyThatBackup() throws IOException {
        storage.write("backups/b1/manifest.json", new byte[1]);
        storage.write("backups/b1/objects/a/b/c.json", new byte[1]);
        storage.write("backups/b10/manifest.json", new byte[1]);
        storage.write("backups/b2/manifest.json", new byte[1]);

        storage.deletePrefix("backups/b1/");
        storage.deletePrefix("backups/never-existed/");

        assertThat(storage.list("backups/")).extracting(StoredObject::key)
                .containsExactly("backups/b10/manifest.json", "backups/b2/manifest.json");
        assertThat(storage.listChildren("backups/")).containsExactly("b10", "b2");
    }

    @Test
    void deletePrefixHandlesMoreThanOneBatch() throws IOException {
        for (int i = 0; i < 1_005; i++) {
            storage.write("backups/big/objects/" + i, new byte[] {(byte) i});
        }
        storage.write("backups/keep/manifest.json", new byte[1]);

        storage.deletePrefix("backups/big/");

        assertThat(storage.list("backups/")).extracting(StoredObject::key).containsExactly("backups/keep/manifest.json");
    }

    @Test
    void abortLeavesNothing() throws IOException {
        storage.write("backups/b1/manifest.json", "old".getBytes(UTF_8));
        StorageWriter w = storage.create("backups/b1/manifest.json");
        w.write("new".getBytes(UTF_8));
        w.abort();
        w.abort();
        w.close(); // no-op after abort

        StorageWriter big = storage.create("backups/b1/archive.tar.zst");
        writeRandom(big, 12 * MIB, 1);
        big.abort();

        assertThat(storage.read("backups/b1/manifest.json")).asString(UTF_8).isEqualTo("old");
        assertThat(storage.exists("backups/b1/archive.tar.zst")).isFalse();
        assertThat(storage.list("")).extracting(StoredObject::key).containsExactly("backups/b1/manifest.json");
        assertNoLeftovers();
    }

    @Test
    void createExclusiveCreatesAKeyOnlyOnce() throws IOException {
        assertThat(storage.createExclusive("leases/backups/b1/write.json", "first".getBytes(UTF_8))).isTrue();
        assertThat(storage.createExclusive("leases/backups/b1/write.json", "second".getBytes(UTF_8))).isFalse();

        assertThat(storage.read("leases/backups/b1/write.json")).asString(UTF_8).isEqualTo("first");
        storage.write("backups/b1/manifest.json", "{}".getBytes(UTF_8));
        assertThat(storage.createExclusive("backups/b1/manifest.json", "x".getBytes(UTF_8))).as("any object counts").isFalse();
        storage.deletePrefix("leases/backups/b1/write.json");
        assertThat(storage.createExclusive("leases/backups/b1/write.json", "third".getBytes(UTF_8))).as("free again").isTrue();
        assertThat(storage.read("leases/backups/b1/write.json")).asString(UTF_8).isEqualTo("third");
    }

    @Test
    void ofWritersRacingForOneKeyExactlyOneWins() throws Exception {
        int writers = 8;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] mine = ("writer-" + i).getBytes(UTF_8);
                results.add(pool.submit(() -> {
                    start.await();
                    return storage.createExclusive("leases/backups/race/write.json", mine);
                }));
            }
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                if (results.get(i).get(30, TimeUnit.SECONDS)) {
                    winners.add(i);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(storage.read("leases/backups/race/write.json")).asString(UTF_8).isEqualTo("writer-" + winners.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnfinishedWriteIsListedAsSuchAndGoesWithItsPrefix() throws Exception {
        storage.write("backups/b1/manifest.json", "{}".getBytes(UTF_8));
        StorageWriter killed = storage.create("backups/b1/resources/configmaps.tar.zst");
        writeRandom(killed, 12 * MIB, 7); // never closed: what a killed writer leaves
        killed.flush();

        List<StoredObject> unfinished = awaitUnfinished("backups/b1/");
        assertThat(unfinished).singleElement().satisfies(o -> {
            assertThat(o.key()).startsWith("backups/b1/resources/").contains("configmaps.tar.zst");
            assertThat(o.lastModified()).isNotNull();
        });
        assertThat(storage.list("backups/")).extracting(StoredObject::key).containsExactly("backups/b1/manifest.json");
        assertThat(storage.listUnfinished("backups/b2/")).isEmpty();

        storage.deletePrefix("backups/b1/");

        assertThat(storage.listUnfinished("")).isEmpty();
        assertThat(storage.list("")).isEmpty();
        assertThat(storage.listChildren("")).as("no empty prefix is left behind").isEmpty();
        killed.abort();
        assertNoLeftovers();
    }

    /** S3 starts a multipart upload only once a part is buffered, asynchronously: wait for it to show. */
    private List<StoredObject> awaitUnfinished(String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<StoredObject> found;
        while ((found = storage.listUnfinished(prefix)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return found;
    }

    @Test
    void deletingTheLastObjectOfAPrefixLeavesNoEmptyPrefix() throws IOException {
        storage.write("leases/backups/b1/read-1.json", new byte[1]);
        storage.write("leases/backups/b2/read-2.json", new byte[1]);

        storage.deletePrefix("leases/backups/b1/read-1.json");

        assertThat(storage.listChildren("leases/backups/")).containsExactly("b2");
    }

    @Test
    void writeAfterCloseFails() throws IOException {
        StorageWriter w = storage.create("a/b");
        w.write(1);
        w.close();
        assertThatThrownBy(() -> w.write(2)).isInstanceOf(IOException.class);
        assertThat(storage.read("a/b")).containsExactly(1);
    }

    @Test
    void largeStreamedObjectRoundTripsByteIdentical() throws IOException {
        long size = 40L * MIB + 12_345; // not a multiple of any part size
        String written;
        try (StorageWriter w = storage.create("backups/big/archive.tar.zst")) {
            Sha256.DigestingOutputStream digesting = new Sha256.DigestingOutputStream(w);
            writeRandom(digesting, size, 42);
            digesting.flush();
            written = digesting.hex();
            assertThat(w.bytesWritten()).isEqualTo(size);
        }

        var digest = Sha256.newDigest();
        long read = 0;
        try (InputStream in = storage.open("backups/big/archive.tar.zst")) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; read += n) {
                digest.update(buf, 0, n);
            }
        }
        assertThat(read).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(written);
        assertThat(storage.list("backups/big/")).singleElement().extracting(StoredObject::size).isEqualTo(size);
    }

    @Test
    void keysThatEscapeOrAreMalformedAreRefused() {
        for (String bad : new String[] {"../escape", "/absolute", "a/../../escape", "a\\b"}) {
            assertThatThrownBy(() -> storage.create(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
            assertThatThrownBy(() -> storage.open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void describeNamesTheLocation() {
        assertThat(storage.describe()).isNotBlank();
    }

    /**
     * Writes pseudo-random bytes through one reused 64 KiB buffer, so nothing large is ever held in memory and
     * a storage that kept a reference to the caller's buffer would store corrupted data.
     */
    static void writeRandom(OutputStream out, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] buf = new byte[1 << 16];
        for (long left = size; left > 0; ) {
            int n = (int) Math.min(buf.length, left);
            random.nextBytes(buf);
            out.write(buf, 0, n);
            left -= n;
        }
    }
}
