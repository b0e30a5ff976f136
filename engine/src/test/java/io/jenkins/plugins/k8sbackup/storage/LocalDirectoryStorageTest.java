package io.jenkins.plugins.k8sbackup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryStorageTest extends BackupStorageContractTest {
    @TempDir
    Path dir;

    @Override
    protected BackupStorage newStorage() throws IOException {
        return new LocalDirectoryStorage(dir.resolve("store"));
    }

    @Override
    protected void assertNoLeftovers() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(LocalDirectoryStorage.TEMP_PREFIX));
        }
    }

    @Test
    void traversalWritesNothingOutsideTheRoot() throws IOException {
        assertThatThrownBy(() -> storage.write("../outside.json", new byte[1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("escapes the storage directory");
        assertThatThrownBy(() -> storage.write("backups/../../outside.json", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("outside.json")).doesNotExist();
    }

    @Test
    void openingAnExistingDirectoryRefusesAMissingOneAndCreatesNothing() throws IOException {
        Path missing = dir.resolve("no-such-store");
        assertThatThrownBy(() -> LocalDirectoryStorage.existing(missing)).isInstanceOf(StorageException.class)
                .hasMessage("storage directory " + missing + " does not exist: create " + missing
                        + " first, or name another storage location");
        assertThat(missing).doesNotExist();
        Files.writeString(missing, "a file");
        assertThatThrownBy(() -> LocalDirectoryStorage.existing(missing)).hasMessageContaining("(it is a file)");
        assertThat(LocalDirectoryStorage.existing(dir).root()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void theTemporaryFileOfAKilledWriterIsListedUnderItsTargetsPrefixOnly() throws IOException {
        Path temp = dir.resolve("store/jenkins/j1/" + LocalDirectoryStorage.TEMP_PREFIX + "home.tar.zst-"
                + java.util.UUID.randomUUID());
        Files.createDirectories(temp.getParent());
        Files.write(temp, new byte[321]);

        assertThat(storage.listUnfinished("jenkins/j1/")).singleElement().satisfies(o -> assertThat(o.size()).isEqualTo(321));
        assertThat(storage.listUnfinished("jenkins/j1/home")).hasSize(1);
        assertThat(storage.listUnfinished("jenkins/j1/index")).isEmpty();
        assertThat(storage.list("jenkins/")).isEmpty();
        storage.deletePrefix("jenkins/j1/");
        assertThat(temp).doesNotExist();
        assertThat(dir.resolve("store/jenkins")).doesNotExist();
    }

    @Test
    void aLargeFileIsWrittenBackWhileItIsWrittenAndPublishedWhole() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        java.util.Random random = new java.util.Random(3);
        java.security.MessageDigest sent = io.jenkins.plugins.k8sbackup.util.Sha256.newDigest();
        LocalDirectoryStorage.LocalWriter w = (LocalDirectoryStorage.LocalWriter) storage.create("backups/b1/big");
        long total = 3 * BackgroundFlusher.EVERY + 12345;
        for (long written = 0; written < total; ) {
            random.nextBytes(chunk);
            int n = (int) Math.min(chunk.length, total - written);
            w.write(chunk, 0, n);
            sent.update(chunk, 0, n);
            written += n;
        }
        w.write(7); // the single-byte path too
        sent.update((byte) 7);
        assertThat(storage.exists("backups/b1/big")).isFalse(); // nothing is visible before close
        w.close();

        assertThat(w.backgroundFlushes()).isBetween(1, 3);
        try (java.io.InputStream in = storage.open("backups/b1/big")) {
            java.security.MessageDigest read = io.jenkins.plugins.k8sbackup.util.Sha256.newDigest();
            byte[] buf = new byte[1 << 16];
            long size = 0;
            for (int n; (n = in.read(buf)) > 0; size += n) {
                read.update(buf, 0, n);
            }
            assertThat(size).isEqualTo(total + 1);
            assertThat(read.digest()).isEqualTo(sent.digest());
        }
        assertNoLeftovers();
    }

    @Test
    void anAbortedLargeFileLeavesNothingEvenWithAWriteBackUnderWay() throws IOException {
        LocalDirectoryStorage.LocalWriter w = (LocalDirectoryStorage.LocalWriter) storage.create("backups/b1/big");
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < 9; i++) {
            w.write(chunk);
        }
        assertThat(w.backgroundFlushes()).isEqualTo(1);
        w.abort();
        w.close();
        assertThat(storage.exists("backups/b1/big")).isFalse();
        assertNoLeftovers();
    }

    @Test
    void directoryIsNotAnObject() throws IOException {
        storage.write("backups/b1/manifest.json", new byte[1]);
        assertThatThrownBy(() -> storage.open("backups/b1")).isInstanceOf(FileNotFoundException.class);
        assertThat(storage.exists("backups/b1")).isFalse();
    }

    @Test
    void unfinishedTempFilesAreNeverListed() throws IOException {
        StorageWriter w = storage.create("backups/b1/data");
        w.write(new byte[10]);
        w.flush();
        assertThat(storage.list("")).isEmpty();
        w.close();
        assertThat(storage.list("")).extracting(StoredObject::key).containsExactly("backups/b1/data");
    }

    @Test
    void factoryOpensPlainPathsAndFileUris() throws IOException {
        try (BackupStorage s = StorageFactory.open(dir.resolve("a").toString(), null)) {
            s.write("x/y", new byte[] {1});
        }
        try (BackupStorage s = StorageFactory.open(dir.resolve("a").toUri().toString(), null)) {
            assertThat(s.read("x/y")).containsExactly(1);
            assertThat(s.describe()).startsWith("file:///");
        }
    }
}
