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
