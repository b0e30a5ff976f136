package io.jenkins.plugins.k8sbackup.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.catalog.ManifestHeader;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.etcd.EtcdVerifyResult.TrialRestore;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot, store, verify and restore against one real etcd holding 1000 keys. */
class EtcdSnapshotterTest {
    @TempDir
    static Path work;
    static EtcdServerFixture etcd;
    static Map<String, String> keys;

    @BeforeAll
    static void startEtcd() throws Exception {
        etcd = EtcdServerFixture.start(work, "source");
        keys = etcd.putKeys(1000, 200);
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void roundTripThroughEtcdctlRestoreGivesBackEveryKey() throws Exception {
        LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store-roundtrip"));
        EtcdSnapshotResult result = EtcdSnapshotter.snapshot(etcd.connection(), EtcdSnapshotOptions.named("rt"), storage);

        // Restore exactly as an operator would: the real etcdctl into a new data directory, then boot it.
        Path snapshot = storage.root().resolve(result.snapshotKey());
        Path restored = work.resolve("restored-rt");
        LocalEtcd.Ports ports = LocalEtcd.Ports.free();
        new Etcdctl(LocalEtcd.findProgram("etcdctl").orElseThrow()).restore(snapshot, restored, "rt", ports.peerUrl());
        try (EtcdServerFixture copy = EtcdServerFixture.startOn(restored, "rt", "http", List.of())) {
            assertThat(copy.readPrefix("/registry/test/")).isEqualTo(keys);
        }
    }

    @Test
    void manifestCarriesTheCommonHeaderAndWhatEtcdReported() throws Exception {
        LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store-manifest"));
        EtcdSnapshotResult result = EtcdSnapshotter.snapshot(etcd.connection(),
                EtcdSnapshotOptions.named("m1").withLabels(Map.of("cluster", "test")), storage);

        byte[] stored = storage.read("etcd/m1/snapshot.db");
        JsonNode json = Json.MAPPER.readTree(storage.read("etcd/m1/manifest.json"));
        assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(json.get("kind").asText()).isEqualTo("etcd");
        assertThat(json.get("name").asText()).isEqualTo("m1");
        assertThat(json.get("status").asText()).isEqualTo("Completed");
        assertThat(json.get("objectCount").asLong()).isEqualTo(1);
        assertThat(json.get("totalBytes").asLong()).isEqualTo(stored.length);
        assertThat(json.get("labels").get("cluster").asText()).isEqualTo("test");
        assertThat(json.get("etcdVersion").asText()).startsWith("3.");
        assertThat(json.get("revision").asLong()).isGreaterThanOrEqualTo(1001);
        assertThat(json.get("dbSize").asLong()).isPositive();
        assertThat(json.get("members")).hasSize(1);
        assertThat(json.get("members").get(0).get("name").asText()).isEqualTo("source");
        assertThat(json.get("sha256").asText()).isEqualTo(Sha256.hex(stored));
        assertThat(json.get("encrypted").asBoolean()).isFalse();
        assertThat(json.get("startTime").asText()).isNotBlank();
        assertThat(result.manifest().snapshotBytes()).isEqualTo(stored.length);

        BackupCatalog catalog = new BackupCatalog(storage, BackupKind.ETCD);
        ManifestHeader header = catalog.header("m1").orElseThrow();
        assertThat(header).isEqualTo(result.manifest().header());
        assertThat(catalog.list()).extracting(BackupSummary::name, BackupSummary::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("m1", BackupStatus.Completed));
        assertThatThrownBy(() -> EtcdSnapshotter.snapshot(etcd.connection(), EtcdSnapshotOptions.named("m1"), storage))
                .isInstanceOf(EtcdSnapshotException.class).hasMessageContaining("already exists");
    }

    @Test
    void verifyWithTrialRestoreReportsRevisionAndKeyCount() throws Exception {
        LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store-verify"));
        EtcdSnapshotResult result = EtcdSnapshotter.snapshot(etcd.connection(), EtcdSnapshotOptions.named("v1"), storage);

        EtcdVerifyResult v = EtcdSnapshotVerifier.verify(storage, "v1", Optional.empty(), true);
        assertThat(v.problems()).isEmpty();
        assertThat(v.status()).isEqualTo(BackupStatus.Completed);
        assertThat(v.integrity().ok()).isTrue();
        assertThat(v.trialRestore()).isEqualTo(TrialRestore.PASSED);
        assertThat(v.revision()).isGreaterThanOrEqualTo(result.manifest().revision());
        assertThat(v.totalKeys()).isGreaterThanOrEqualTo(1000);
        assertThat(v.liveKeys()).isEqualTo(1000);
        assertThat(v.liveRevision()).isEqualTo(v.revision());
        assertThat(Json.MAPPER.writeValueAsString(v)).contains("\"liveKeys\":1000");

        EtcdVerifyResult quick = EtcdSnapshotVerifier.verify(storage, "v1", Optional.empty(), false);
        assertThat(quick.status()).isEqualTo(BackupStatus.Completed);
        assertThat(quick.trialRestore()).isEqualTo(TrialRestore.NOT_REQUESTED);
        assertThat(quick.revision()).isNull();
    }

    @Test
    void aFlippedByteFailsEveryHashCheckAndSkipsTheRestore() throws Exception {
        LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store-flip"));
        EtcdSnapshotter.snapshot(etcd.connection(), EtcdSnapshotOptions.named("f1"), storage);
        Path file = storage.root().resolve("etcd/f1/snapshot.db");
        byte[] data = Files.readAllBytes(file);
        data[data.length / 2] ^= 0x01;
        Files.write(file, data);

        EtcdVerifyResult v = EtcdSnapshotVerifier.verify(storage, "f1", Optional.empty(), true);
        assertThat(v.status()).isEqualTo(BackupStatus.Failed);
        assertThat(v.integrity().hasHash()).isTrue();
        assertThat(v.integrity().valid()).isFalse();
        assertThat(v.sha256Matches()).isFalse();
        assertThat(v.trialRestore()).isEqualTo(TrialRestore.SKIPPED);
        assertThat(v.problems()).anyMatch(p -> p.contains("embedded SHA-256 does NOT match"));
        Path target = work.resolve("fetched-f1.db");
        assertThat(EtcdSnapshotVerifier.fetch(storage, "f1", Optional.empty(), target, false).status())
                .isEqualTo(BackupStatus.Failed);
        assertThat(target).doesNotExist();
    }

    @Test
    void encryptedSnapshotVerifiesOnlyWithItsKey() throws Exception {
        LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store-enc"));
        EncryptionKey key = EncryptionKey.fromPassphrase("a long enough test passphrase");
        EtcdSnapshotResult result = EtcdSnapshotter.snapshot(etcd.connection(),
                EtcdSnapshotOptions.named("e1").withEncryption(key), storage);

        assertThat(result.snapshotKey()).isEqualTo("etcd/e1/snapshot.db.enc");
        assertThat(storage.exists("etcd/e1/snapshot.db")).isFalse();
        assertThat(result.manifest().keyFingerprint()).isEqualTo(key.fingerprint());
        assertThat(result.manifest().storedSha256()).isNotEqualTo(result.manifest().sha256());
        byte[] sealed = storage.read("etcd/e1/snapshot.db.enc");
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("/registry/test/key-00001");

        EtcdVerifyResult v = EtcdSnapshotVerifier.verify(storage, "e1", Optional.of(key), true);
        assertThat(v.problems()).isEmpty();
        assertThat(v.liveKeys()).isEqualTo(1000);

        Path fetched = work.resolve("fetched-e1.db");
        EtcdSnapshotVerifier.fetch(storage, "e1", Optional.of(key), fetched, false);
        assertThat(Sha256.hex(Files.readAllBytes(fetched))).isEqualTo(result.manifest().sha256());
        assertThatThrownBy(() -> EtcdSnapshotVerifier.fetch(storage, "e1", Optional.of(key), fetched, false))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> EtcdSnapshotVerifier.verify(storage, "e1", Optional.empty(), false))
                .hasMessageContaining("is encrypted").hasMessageContaining(key.fingerprint());
        EncryptionKey other = EncryptionKey.fromPassphrase("another long test passphrase");
        assertThatThrownBy(() -> EtcdSnapshotVerifier.verify(storage, "e1", Optional.of(other), false))
                .hasMessageContaining("wrong encryption key");
    }

    @Test
    void verifyingAMissingSnapshotSaysSo() throws IOException {
        LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store-missing"));
        assertThatThrownBy(() -> EtcdSnapshotVerifier.verify(storage, "nope", Optional.empty(), false))
                .hasMessageContaining("no backup named 'nope'");
    }
}
