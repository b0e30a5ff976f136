package io.jenkins.plugins.k8sbackup.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.catalog.ManifestHeader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store dies in the middle of a backup: nothing may look complete afterwards. */
class S3StorageFaultTest {
    private static final int MIB = 1 << 20;
    private static final String ARCHIVE = "backups/nightly/archive.tar.zst";

    @RegisterExtension
    final S3ProxyFixture s3 = new S3ProxyFixture();

    private S3Storage open() throws StorageException {
        return S3Storage.open((StorageLocation.S3) StorageUri.parse(s3.uri("cluster-a")), s3.credentials(),
                S3StorageTest.PART_SIZE);
    }

    @Test
    void storeDyingDuringMultipartUploadLeavesNoObjectAndAnIncompleteBackup() throws IOException {
        try (S3Storage storage = open()) {
            storage.write("backups/nightly/objects/index.json", "{\"objects\":3}".getBytes(UTF_8));
            StorageWriter w = storage.create(ARCHIVE);
            BackupStorageContractTest.writeRandom(w, 12L * MIB, 7); // two parts on their way

            s3.stop();
            StorageException failure = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try {
                    BackupStorageContractTest.writeRandom(w, 20L * MIB, 8);
                } catch (StorageException writeFailed) {
                    // may already fail here; close() must fail too
                }
                return org.junit.jupiter.api.Assertions.assertThrows(StorageException.class, w::close);
            });
            // A part in flight when the server stops may get its dying answer (400 IncompleteBody) instead of a refused
            // connection: either way the message names the key and the endpoint.
            assertThat(failure).hasMessageContaining("could not store '" + ARCHIVE + "'")
                    .hasMessageContaining(s3.endpoint().toString())
                    .satisfiesAnyOf(f -> assertThat(f).hasMessageContaining("cannot reach S3 endpoint " + s3.endpoint()),
                            f -> assertThat(f).hasMessageContaining("could not upload it at " + s3.endpoint()));
            assertThatThrownBy(() -> w.write(1)).isInstanceOf(StorageException.class);

            s3.restart();
            assertThat(storage.exists(ARCHIVE)).isFalse();
            assertThat(storage.list("backups/")).extracting(StoredObject::key)
                    .containsExactly("backups/nightly/objects/index.json");
            assertThat(s3.client().listObjectsV2(b -> b.bucket(S3ProxyFixture.BUCKET)).contents())
                    .noneMatch(o -> o.key().endsWith("archive.tar.zst"));

            BackupCatalog catalog = new BackupCatalog(storage, BackupKind.KUBERNETES);
            assertThat(catalog.list()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("nightly");
                assertThat(s.status()).isEqualTo(BackupStatus.Incomplete);
                assertThat(s.status().restorable()).isFalse();
            });
            assertThatThrownBy(() -> catalog.requireManifest("nightly", ManifestHeader.class))
                    .isInstanceOf(FileNotFoundException.class)
                    .hasMessageContaining("backup 'nightly'")
                    .hasMessageContaining("incomplete (no manifest)")
                    .hasMessageContaining("cannot be restored");

            // The writer's error path aborts; with the store back, no parts are left to pay for.
            w.abort();
            assertThat(s3.pendingUploads()).isEmpty();
        }
    }

    @Test
    void storeDownBeforeASmallWriteFailsOnClose() throws IOException {
        try (S3Storage storage = open()) {
            s3.stop();
            StorageWriter w = storage.create("backups/b/manifest.json");
            w.write("{}".getBytes(UTF_8));
            // Usually "cannot reach S3 endpoint"; now and then the SDK's retry waits out its 10 s connection
            // acquire timeout instead ("no connection to S3 endpoint").
            assertThatThrownBy(w::close).isInstanceOf(StorageException.class)
                    .hasMessageContaining("S3 endpoint " + s3.endpoint());
            s3.restart();
            assertThat(storage.exists("backups/b/manifest.json")).isFalse();
        }
    }

    @Test
    void readsAndListsFailClearlyWhileTheStoreIsDown() throws IOException {
        try (S3Storage storage = open()) {
            storage.write("backups/b/manifest.json", "{}".getBytes(UTF_8));
            s3.stop();
            assertThatThrownBy(() -> storage.read("backups/b/manifest.json")).isInstanceOf(StorageException.class)
                    .hasMessageContaining("cannot reach S3 endpoint " + s3.endpoint());
            assertThatThrownBy(() -> new BackupCatalog(storage, BackupKind.KUBERNETES).list())
                    .isInstanceOf(StorageException.class).hasMessageContaining("cannot reach");
        }
    }

    @Test
    void completedBackupSurvivesARestart() throws IOException {
        try (S3Storage storage = open()) {
            storage.write("backups/b/data", new byte[3]);
            storage.write("backups/b/manifest.json", ("{\"formatVersion\":1,\"kind\":\"KUBERNETES\",\"name\":\"b\","
                    + "\"startTime\":\"2026-01-01T00:00:00Z\",\"status\":\"Completed\",\"objectCount\":1,\"totalBytes\":3}")
                    .getBytes(UTF_8));
            s3.restart();
            BackupSummary s = new BackupCatalog(storage, BackupKind.KUBERNETES).summarise("b");
            assertThat(s.status()).isEqualTo(BackupStatus.Completed);
            assertThat(s.totalBytes()).isEqualTo(3);
        }
    }
}
