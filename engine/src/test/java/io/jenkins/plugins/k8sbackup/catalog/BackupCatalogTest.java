package io.jenkins.plugins.k8sbackup.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.storage.StorageException;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCatalogTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;
    LocalDirectoryStorage storage;
    BackupCatalog catalog;

    @BeforeEach
    void setUp() throws IOException {
        storage = new LocalDirectoryStorage(dir);
        catalog = new BackupCatalog(storage, BackupKind.KUBERNETES);
    }

    /** A backup as writers leave it: data first, manifest last. */
    static void writeBackup(BackupStorage storage, BackupKind kind, String name, Instant start, BackupStatus status)
            throws IOException {
        storage.write(kind.keyOf(name, "objects/v1/configmaps/ns/a.json"), new byte[10]);
        ManifestHeader h = new ManifestHeader(1, kind.name(), name, start, start.plusSeconds(30), status, 1, 10,
                Map.of("job", "nightly"), null, null);
        storage.write(kind.keyOf(name, BackupCatalog.MANIFEST), Json.MAPPER.writeValueAsBytes(h));
    }

    @Test
    void listsCompleteBackupsNewestFirstAndIncompleteOnesLast() throws IOException {
        writeBackup(storage, BackupKind.KUBERNETES, "old", T0, BackupStatus.Completed);
        writeBackup(storage, BackupKind.KUBERNETES, "new", T0.plusSeconds(3600), BackupStatus.PartiallyFailed);
        storage.write("backups/died/objects/v1/secrets/ns/s.json", new byte[7]);
        storage.write("backups/died/objects/apps/v1/deployments/ns/d.json", new byte[5]);
        writeBackup(storage, BackupKind.JENKINS_HOME, "jh", T0, BackupStatus.Completed);

        List<BackupSummary> list = catalog.list();

        assertThat(list).extracting(BackupSummary::name).containsExactly("new", "old", "died");
        assertThat(list.get(0).status()).isEqualTo(BackupStatus.PartiallyFailed);
        assertThat(list.get(0).labels()).containsEntry("job", "nightly");
        assertThat(list.get(1).totalBytes()).isEqualTo(10);
        BackupSummary died = list.get(2);
        assertThat(died.status()).isEqualTo(BackupStatus.Incomplete);
        assertThat(died.status().restorable()).isFalse();
        assertThat(died.startTime()).isNull();
        assertThat(died.totalBytes()).as("stored bytes so far").isEqualTo(12);
        assertThat(new BackupCatalog(storage, BackupKind.JENKINS_HOME).list()).extracting(BackupSummary::name)
                .containsExactly("jh");
    }

    @Test
    void requireManifestRefusesAnIncompleteBackup() throws IOException {
        storage.write("backups/died/objects/v1/secrets/ns/s.json", new byte[7]);

        assertThatThrownBy(() -> catalog.requireManifest("died", ManifestHeader.class))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessage("backup 'died' at " + storage.describe()
                        + " is incomplete (no manifest): it was interrupted and cannot be restored");
        assertThatThrownBy(() -> catalog.requireManifest("never", ManifestHeader.class))
                .hasMessage("no backup named 'never' at " + storage.describe());
        try (BackupLease claim = catalog.locks().claim("running", "backup")) {
            assertThatThrownBy(() -> catalog.requireManifest("running", ManifestHeader.class))
                    .isInstanceOf(BackupInUseException.class)
                    .hasMessageStartingWith("backup 'running' at " + storage.describe() + " is not complete yet: it is being "
                            + "written: backup by " + claim.record().holder());
        }
    }

    @Test
    void requireManifestReadsACompleteBackup() throws IOException {
        writeBackup(storage, BackupKind.KUBERNETES, "b1", T0, BackupStatus.Completed);
        ManifestHeader h = catalog.requireManifest("b1", ManifestHeader.class);
        assertThat(h.name()).isEqualTo("b1");
        assertThat(h.startTime()).isEqualTo(T0);
        assertThat(catalog.exists("b1")).isTrue();
        assertThat(catalog.exists("b2")).isFalse();
    }

    @Test
    void deleteRemovesTheManifestFirst() throws IOException {
        writeBackup(storage, BackupKind.KUBERNETES, "b1", T0, BackupStatus.Completed);
        writeBackup(storage, BackupKind.KUBERNETES, "b2", T0, BackupStatus.Completed);
        RecordingStorage recording = new RecordingStorage(storage, 0);

        new BackupCatalog(recording, BackupKind.KUBERNETES).delete("b1");

        assertThat(recording.deletes).as("manifest, data, then the delete lease")
                .containsExactly("backups/b1/manifest.json", "backups/b1/", "leases/backups/b1/delete.json");
        assertThat(catalog.list()).extracting(BackupSummary::name).containsExactly("b2");
        assertThat(storage.list("backups/b1/")).isEmpty();
    }

    @Test
    void deleteInterruptedAfterTheManifestLeavesAnIncompleteBackupNotACompleteOne() throws IOException {
        writeBackup(storage, BackupKind.KUBERNETES, "b1", T0, BackupStatus.Completed);
        RecordingStorage failing = new RecordingStorage(storage, 2);

        assertThatThrownBy(() -> new BackupCatalog(failing, BackupKind.KUBERNETES).delete("b1"))
                .isInstanceOf(StorageException.class);

        assertThat(catalog.summarise("b1").status()).isEqualTo(BackupStatus.Incomplete);
    }

    @Test
    void namesCannotTraverse() {
        for (String bad : new String[] {"../x", "a/b", "", ".hidden", "a..b", "-x"}) {
            assertThatThrownBy(() -> catalog.manifestJson(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid backup name");
            assertThatThrownBy(() -> catalog.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(BackupCatalog.checkName("nightly-2026.11.20_1")).isEqualTo("nightly-2026.11.20_1");
    }

    /** Records deletePrefix calls; the {@code failAt}-th one (1-based, 0 = never) fails like a dying store. */
    static final class RecordingStorage extends io.jenkins.plugins.k8sbackup.testing.ForwardingStorage {
        final List<String> deletes = new ArrayList<>();
        private final int failAt;

        RecordingStorage(BackupStorage delegate, int failAt) {
            super(delegate);
            this.failAt = failAt;
        }

        @Override
        public void deletePrefix(String prefix) throws IOException {
            deletes.add(prefix);
            if (deletes.size() == failAt) {
                throw new StorageException("store died");
            }
            delegate.deletePrefix(prefix);
        }
    }
}
