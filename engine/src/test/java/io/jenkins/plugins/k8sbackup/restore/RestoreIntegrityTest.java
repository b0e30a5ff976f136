package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.archive.EntryBinding;
import io.jenkins.plugins.k8sbackup.archive.IntegrityException;
import io.jenkins.plugins.k8sbackup.crypto.AesGcm;
import io.jenkins.plugins.k8sbackup.crypto.DecryptionException;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.testing.BackupDamage;
import io.jenkins.plugins.k8sbackup.testing.OldBackups;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Check first, then write": a damaged backup is refused by name before the first write, or with allowPartial restores
 * exactly its undamaged types; a manifest or an archive changed by someone without the key is refused.
 */
class RestoreIntegrityTest {
    @TempDir
    Path dir;
    RestoreTestSupport t;
    BackupDamage damage;
    WorkloadSimulator simulator;

    @BeforeEach
    void setUp() throws Exception {
        t = new RestoreTestSupport(dir);
        damage = new BackupDamage(t.storage);
        simulator = new WorkloadSimulator(t.cluster.client());
        t.backupShop("b1", null);
    }

    @AfterEach
    void tearDown() {
        simulator.close();
        t.close();
    }

    static EncryptionKey newKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return EncryptionKey.ofBytes(raw);
    }

    private RestoreSpec.Builder shop() {
        return RestoreSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).waitTimeout(java.time.Duration.ofSeconds(5));
    }

    /** The accident the restore repairs; afterwards the write log is empty, so any later write shows. */
    private Map<String, String> loseTheShop() throws Exception {
        t.deleteNamespaces(SampleApp.NAMESPACES);
        awaitCrdEstablished(); // the simulated controller's own status write must land before the log is cleared
        t.cluster.clearWriteLog();
        return t.snapshot();
    }

    private void awaitCrdEstablished() throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            var crds = t.cluster.client().apiextensions().v1().customResourceDefinitions().list().getItems();
            if (crds.stream().allMatch(c -> c.getStatus() != null && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream().anyMatch(k -> "Established".equals(k.getType())))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the simulated controller never marked the CRDs Established");
    }

    /** A refused restore wrote nothing at all: no object, not even a dry-run probe. */
    private void assertNothingWritten(Map<String, String> before) throws Exception {
        assertThat(t.cluster.writeLog()).isEmpty();
        assertThat(t.snapshot()).isEqualTo(before);
    }

    @Test
    void aFlippedByteInAnArchiveRefusesTheWholeRestoreBeforeTheFirstWrite() throws Exception {
        damage.flipByte(BackupDamage.archive("b1", "configmaps"));
        Map<String, String> before = loseTheShop();

        RestoreReport r = t.restore(shop().build(), null);

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.items()).isEmpty();
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).startsWith("configmaps (backups/b1/resources/configmaps.tar.zst): SHA-256 mismatch"))
                .anySatisfy(e -> assertThat(e).contains("nothing restored").contains("configmaps").contains("--allow-partial"));
        assertNothingWritten(before);
    }

    @Test
    void aFlippedByteInsideOneEntryIsFoundByTheIndex() throws Exception {
        String path = "resources/configmaps/namespaces/shop/web-config.json";
        String recorded = damage.index("b1").stream().filter(n -> n.path("path").asText().equals(path)).findFirst()
                .orElseThrow().path("sha256").asText();
        // re-packed with the archive's SHA-256 in the manifest updated, and the entry's index record as the backup wrote it
        damage.reseal("b1", null, (resource, p, data) -> {
            if (p.equals(path)) {
                data[data.length / 2] ^= 0x01;
            }
            return data;
        });
        List<com.fasterxml.jackson.databind.node.ObjectNode> records = damage.index("b1");
        records.stream().filter(n -> n.path("path").asText().equals(path)).forEach(n -> n.put("sha256", recorded));
        damage.writeIndex("b1", records, true);
        Map<String, String> before = loseTheShop();

        RestoreReport r = t.restore(shop().build(), null);

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("configmaps (backups/b1/resources/configmaps.tar.zst)")
                .contains("entry resources/configmaps/namespaces/shop/web-config.json does not match the SHA-256"));
        assertNothingWritten(before);
    }

    @Test
    void aTruncatedArchiveIsNamedAndNothingIsWritten() throws Exception {
        String key = BackupDamage.archive("b1", "deployments.apps");
        damage.truncate(key, (int) t.storage.read(key).length / 2);
        Map<String, String> before = loseTheShop();

        RestoreReport r = t.restore(shop().build(), null);

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("deployments.apps (" + key + "): size mismatch").contains("(truncated)"))
                .anySatisfy(e -> assertThat(e).contains(key).contains("truncated or garbled zstd/tar"));
        assertNothingWritten(before);
    }

    @Test
    void aMissingArchiveIsNamedAndNothingIsWritten() throws Exception {
        damage.delete(BackupDamage.archive("b1", "services"));
        Map<String, String> before = loseTheShop();

        RestoreReport r = t.restore(shop().build(), null);

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).isEqualTo(
                "services (backups/b1/resources/services.tar.zst): missing: the archive is not in storage"));
        assertNothingWritten(before);
    }

    @Test
    void allowPartialRestoresExactlyTheUndamagedTypesAndSaysWhichWereNot() throws Exception {
        loseTheShop();
        Set<String> planned = resources(t.restore(shop().dryRun(true).build(), null));
        assertThat(planned).contains("configmaps", "services", "deployments.apps");
        damage.flipByte(BackupDamage.archive("b1", "configmaps"));
        damage.delete(BackupDamage.archive("b1", "services"));
        t.cluster.clearWriteLog();

        RestoreReport r = t.restore(shop().allowPartial(true).build(), null);

        assertThat(r.status()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(r.exitCode()).isEqualTo(3);
        Set<String> expected = new TreeSet<>(planned);
        expected.removeAll(Set.of("configmaps", "services"));
        assertThat(resources(r)).isEqualTo(expected);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("not restored").contains("configmaps, services"))
                .anySatisfy(e -> assertThat(e).startsWith("configmaps (")).anySatisfy(e -> assertThat(e).startsWith("services ("));
        assertThat(t.cluster.client().configMaps().inNamespace("shop").list().getItems()).isEmpty();
        assertThat(t.cluster.client().services().inNamespace("shop").list().getItems()).isEmpty();
        assertThat(t.cluster.client().apps().deployments().inNamespace("shop").withName("web").get()).isNotNull();
        assertThat(t.realWrites()).noneMatch(w -> w.contains("/configmaps") || w.contains("/services"));
    }

    private static Set<String> resources(RestoreReport r) {
        return r.items().stream().map(RestoreItem::resource).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aTamperedIndexRefusesEverythingEvenWithAllowPartial() throws Exception {
        List<com.fasterxml.jackson.databind.node.ObjectNode> records = damage.index("b1");
        records.get(0).put("size", records.get(0).path("size").asLong() + 1);
        damage.writeIndex("b1", records, false);
        Map<String, String> before = loseTheShop();

        RestoreReport r = t.restore(shop().allowPartial(true).build(), null);

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).startsWith("(backups/b1/objects.jsonl.zst): SHA-256 mismatch"))
                .anySatisfy(e -> assertThat(e).contains("nothing restored: the index of backup b1 is damaged"));
        assertNothingWritten(before);
    }

    @Test
    void anIndexRecordForgedWithItsManifestEntryDisagreesWithTheArchive() throws Exception {
        List<com.fasterxml.jackson.databind.node.ObjectNode> records = damage.index("b1");
        records.stream().filter(n -> n.path("path").asText().endsWith("/db-config.json")).forEach(n -> n.put("sha256", "0".repeat(64)));
        damage.writeIndex("b1", records, true);
        Map<String, String> before = loseTheShop();

        RestoreReport r = t.restore(shop().build(), null);

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("configmaps (").contains("db-config.json does not match"));
        assertNothingWritten(before);
    }

    @Test
    void withoutAKeyATypeTakenOutOfTheManifestIsFoundByItsIndexRecords() throws Exception {
        damage.removeType("b1", "secrets");
        Map<String, String> before = loseTheShop();

        RestoreReport r = t.restore(shop().build(), null);

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("objects.jsonl.zst")
                .contains("objects of secrets, a type the manifest does not hold"));
        assertNothingWritten(before);
    }

    @Test
    void aSwappedArchiveWithoutKeyIsASha256Mismatch() throws Exception {
        t.cluster.client().configMaps().inNamespace("shop").withName("web-config").edit(c -> {
            c.getData().put("LOG_LEVEL", "debug");
            return c;
        });
        t.backupShop("b2", null);
        damage.copy(BackupDamage.archive("b2", "configmaps"), BackupDamage.archive("b1", "configmaps"));
        Map<String, String> before = loseTheShop();

        RestoreReport r = t.restore(shop().build(), null);

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("configmaps (backups/b1/resources/configmaps.tar.zst): SHA-256 mismatch"));
        assertNothingWritten(before);
    }

    @Test
    void withAKeyAnEditedManifestIsRefusedByItsMac() throws Exception {
        EncryptionKey key = newKey();
        t.backupShop("enc", key);
        assertThat(t.storage.exists(BackupDamage.macKey("enc"))).isTrue();
        damage.removeType("enc", "secrets");
        Map<String, String> before = loseTheShop();

        assertThatThrownBy(() -> t.restore(RestoreSpec.builder("enc").build(), key))
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("backups/enc/manifest.json").hasMessageContaining("does not match its MAC");
        assertNothingWritten(before);
    }

    @Test
    void withAKeyAMissingMacIsRefusedAndABackupTakenWithoutKeyToo() throws Exception {
        EncryptionKey key = newKey();
        t.backupShop("enc", key);
        damage.delete(BackupDamage.macKey("enc"));

        assertThatThrownBy(() -> t.restore(RestoreSpec.builder("enc").build(), key))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("backups/enc/manifest.json.mac")
                .hasMessageContaining("has no MAC");
        assertThatThrownBy(() -> t.restore(RestoreSpec.builder("b1").build(), key))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("taken without an encryption key");
        assertThat(t.realWrites()).isEmpty();
    }

    @Test
    void anArchiveSwappedBetweenEncryptedBackupsFailsItsShaAndEvenResealedFailsToDecrypt() throws Exception {
        EncryptionKey key = newKey();
        t.backupShop("enc1", key);
        t.backupShop("enc2", key);
        damage.copy(BackupDamage.archive("enc2", "secrets"), BackupDamage.archive("enc1", "secrets"));
        Map<String, String> before = loseTheShop();

        RestoreReport swapped = t.restore(RestoreSpec.builder("enc1").includeNamespaces(SampleApp.NAMESPACES).build(), key);
        assertThat(swapped.status()).isEqualTo(RunStatus.Failed);
        assertThat(swapped.errors()).anySatisfy(e -> assertThat(e).contains("secrets (backups/enc1/resources/secrets.tar.zst): SHA-256 mismatch"));
        assertNothingWritten(before);

        // Every SHA-256 made to match and the manifest signed again: what is left is the archive's associated data.
        damage.resign("enc1", key);
        RestoreReport resealed = t.restore(RestoreSpec.builder("enc1").includeNamespaces(SampleApp.NAMESPACES).build(), key);

        assertThat(resealed.status()).isEqualTo(RunStatus.Failed);
        assertThat(resealed.errors()).anySatisfy(e -> assertThat(e)
                .contains("secrets (backups/enc1/resources/secrets.tar.zst): decryption failed: resources/secrets.tar.zst:"
                        + " decryption failed")
                .contains("copied from another backup"));
        assertNothingWritten(before);
    }

    @Test
    void aFormat1BackupStillRestoresWithAWarningButAFormat2OnePassedOffAsFormat1DoesNot() throws Exception {
        // a format 2 backup as 3ab93de wrote it, made into what k8s-backup wrote before format 2: entries bound to their
        // path alone, no backupId, no MAC
        String old = OldBackups.FORMAT2_ALL;
        EncryptionKey key = OldBackups.FORMAT2_KEY;
        OldBackups.store(t.storage, old);
        String id = damage.manifest(old).path("backupId").asText();
        EntryBinding v2 = new EntryBinding(2, old, id);
        damage.reseal(old, null, (resource, path, data) -> path.endsWith(".enc")
                ? AesGcm.encrypt(key, AesGcm.decrypt(key, data, v2.associatedData(resource, path), path, ""), path) : data);
        damage.editManifest(old, m -> m.put("formatVersion", 1).remove("backupId"));
        damage.delete(BackupDamage.macKey(old));
        t.deleteNamespaces(SampleApp.NAMESPACES);

        RestoreReport r = t.restore(RestoreSpec.builder(old).includeNamespaces(SampleApp.NAMESPACES).build(), key);

        assertThat(r.status()).as(r.errors().toString()).isEqualTo(RunStatus.Completed);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("format 1").contains("no manifest MAC"));
        assertThat(t.cluster.client().secrets().inNamespace("shop-data").withName("db-credentials").get().getData())
                .containsKey("POSTGRES_PASSWORD");

        String other = OldBackups.FORMAT2_SECRETS_PASSPHRASE;
        OldBackups.store(t.storage, other);
        damage.editManifest(other, m -> m.put("formatVersion", 1).remove("backupId"));
        damage.delete(BackupDamage.macKey(other));
        Map<String, String> before = loseTheShop();
        RestoreReport downgraded = t.restore(RestoreSpec.builder(other).includeNamespaces(SampleApp.NAMESPACES).build(),
                OldBackups.keyOf(other));
        assertThat(downgraded.status()).isEqualTo(RunStatus.Failed);
        assertThat(downgraded.errors()).anySatisfy(e -> assertThat(e).contains("secrets (").contains("decryption failed"));
        assertNothingWritten(before);
    }

    @Test
    void aWrongKeyIsNamedByItsFingerprint() throws Exception {
        EncryptionKey key = newKey();
        EncryptionKey other = newKey();
        t.backupShop("enc", key);
        assertThatThrownBy(() -> t.restore(RestoreSpec.builder("enc").build(), other))
                .isInstanceOf(DecryptionException.class).hasMessageContaining(key.fingerprint()).hasMessageContaining(other.fingerprint());
    }

    @Test
    void aSelectionThatMatchesNothingFailsNamingWhatTheBackupHolds() throws Exception {
        RestoreReport r = t.restore(RestoreSpec.builder("b1").includeNamespaces(List.of("shpo")).build(), null);

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e).contains("matches no object of backup b1")
                .contains("namespaces (").contains("shop, shop-data").contains("configmaps").contains("deployments.apps"));
        assertThat(t.realWrites()).isEmpty();
    }

    @Test
    void aSingleObjectThatFailsIsAFailedRestoreNotAPartialOne() throws Exception {
        // the namespace exists (a dependency, left alone); the object exists too, and --existing fail refuses it
        RestoreReport r = t.restore(RestoreSpec.builder("b1").objects(List.of("configmaps/shop/web-config"))
                .existingPolicy(ExistingPolicy.fail).build(), null);

        assertThat(r.items()).extracting(RestoreItem::resource, RestoreItem::action).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("configmaps", RestoreAction.FAIL),
                org.assertj.core.groups.Tuple.tuple("namespaces", RestoreAction.SKIP_EXISTS));
        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(r.exitCode()).isEqualTo(1);

        RestoreReport unknown = t.restore(RestoreSpec.builder("b1").objects(List.of("configmaps/shop/web-config",
                "configmaps/shop/no-such")).build(), null);
        assertThat(unknown.errors()).containsExactly("configmaps/shop/no-such: not in backup b1");
        assertThat(unknown.status()).isEqualTo(RunStatus.PartiallyFailed);
    }
}
