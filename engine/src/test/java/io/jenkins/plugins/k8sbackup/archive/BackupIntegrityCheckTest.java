package io.jenkins.plugins.k8sbackup.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.hooks.HookPhase;
import io.jenkins.plugins.k8sbackup.hooks.HookSpec;
import io.jenkins.plugins.k8sbackup.hooks.OnError;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testing.BackupDamage;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.ExecSimulator;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.RunningPods;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline check ({@code describe --verify}): everything stored for a backup, every problem listed. */
class BackupIntegrityCheckTest {
    static final List<String> DUMP = List.of("sh", "-c", "pg_dump shop");

    @TempDir
    Path dir;
    MockCluster cluster;
    LocalDirectoryStorage storage;
    BackupDamage damage;
    final BackupFixture fixture = new BackupFixture();
    final EncryptionKey key = newKey();

    static EncryptionKey newKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return EncryptionKey.ofBytes(raw);
    }

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
        RunningPods.create(cluster, "shop-data", "db-0", Map.of("app", "db"), Map.of(), true, "postgres");
        cluster.exec().handler(e -> ExecSimulator.Reply.ok("-- dump of shop\n"));
        storage = new LocalDirectoryStorage(dir.resolve("store"));
        damage = new BackupDamage(storage);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private void backup(String name, EncryptionKey with) throws Exception {
        fixture.backup(cluster, storage, BackupSpec.builder().name(name).includeNamespaces(SampleApp.NAMESPACES)
                .encryption(with == null ? BackupSpec.EncryptionMode.none : BackupSpec.EncryptionMode.all)
                .hooks(List.of(new HookSpec("dump", HookPhase.pre, "shop-data", "db-0", null, "postgres", DUMP, OnError.Fail,
                        Duration.ofSeconds(5), true))).build(), with);
    }

    private IntegrityReport checkAll(String name, EncryptionKey with) throws Exception {
        return BackupIntegrityCheck.checkAll(storage, name, Optional.ofNullable(with), fixture.progress);
    }

    @Test
    void anIntactEncryptedBackupIsAuthenticatedAndEveryEntryDecrypts() throws Exception {
        backup("b1", key);
        List<Path> copiesBefore = verifiedCopies();

        IntegrityReport r = checkAll("b1", key);

        assertThat(r.problems()).isEmpty();
        assertThat(r.intact()).isTrue();
        assertThat(r.authentication()).isEqualTo("authenticated (HMAC-SHA-256, key fingerprint " + key.fingerprint() + ")");
        long objects = damage.manifest("b1").path("objectCount").asLong();
        assertThat(r.objectsChecked()).isEqualTo(objects).isPositive();
        assertThat(r.archivesChecked()).isEqualTo(damage.manifest("b1").path("types").size());
        assertThat(r.warnings()).isEmpty();
        assertThat(fixture.log).anySatisfy(l -> assertThat(l).startsWith("integrity of backup b1: intact ("));
        assertThat(verifiedCopies()).as("verified copies deleted").isEqualTo(copiesBefore);
    }

    private static List<Path> verifiedCopies() throws java.io.IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("k8s-backup-b1-")).sorted().toList();
        }
    }

    @Test
    void withoutTheKeyOnlyTheSha256sAreChecked() throws Exception {
        backup("b1", key);

        IntegrityReport r = checkAll("b1", null);

        assertThat(r.intact()).isTrue();
        assertThat(r.authentication()).isEqualTo("not authenticated (no key given)");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("has a MAC, but no key was given"))
                .anySatisfy(w -> assertThat(w).contains("checked by SHA-256 only").contains("no key was given"));
    }

    @Test
    void everyProblemIsListedByTypeKeyAndKind() throws Exception {
        backup("b1", null);
        damage.flipByte(BackupDamage.archive("b1", "configmaps"));
        damage.delete(BackupDamage.archive("b1", "secrets"));
        String deployments = BackupDamage.archive("b1", "deployments.apps");
        damage.truncate(deployments, (int) storage.read(deployments).length - 7);
        damage.flipByte("backups/b1/artifacts/shop-data/db-0/dump.out");

        IntegrityReport r = checkAll("b1", null);

        assertThat(r.intact()).isFalse();
        assertThat(r.wholeBackupDamaged()).isFalse();
        assertThat(r.damagedTypes()).containsExactly("artifacts/shop-data/db-0/dump.out", "configmaps", "deployments.apps", "secrets");
        assertThat(r.problems()).extracting(IntegrityProblem::toString)
                .anySatisfy(p -> assertThat(p).startsWith("configmaps (backups/b1/resources/configmaps.tar.zst): SHA-256 mismatch"))
                .contains("secrets (backups/b1/resources/secrets.tar.zst): missing: the archive is not in storage")
                .anySatisfy(p -> assertThat(p).startsWith("deployments.apps (" + deployments + "): size mismatch").contains("(truncated)"))
                .anySatisfy(p -> assertThat(p).startsWith("deployments.apps (" + deployments + "): truncated or garbled zstd/tar"))
                .anySatisfy(p -> assertThat(p).startsWith("artifacts/shop-data/db-0/dump.out (backups/b1/artifacts/shop-data/db-0/dump.out): SHA-256 mismatch"));
        assertThat(r.summaryLine()).contains("DAMAGED (" + r.problems().size() + " problems)");
    }

    @Test
    void archivesCheckedAtOnceReportWhatOneThreadReportsInTheSameOrder() throws Exception {
        backup("b1", null);
        damage.flipByte(BackupDamage.archive("b1", "configmaps"));
        String deployments = BackupDamage.archive("b1", "deployments.apps");
        damage.truncate(deployments, (int) storage.read(deployments).length - 7);
        damage.delete(BackupDamage.archive("b1", "secrets"));
        List<String> all = damage.manifest("b1").path("types").findValuesAsText("resource");
        assertThat(all.size()).as("more types than threads").isGreaterThan(BackupIntegrityCheck.ARCHIVES_IN_PARALLEL);

        IntegrityReport oneThread = checkSelected(all, 1);

        assertThat(oneThread.damagedTypes()).containsExactlyInAnyOrder("configmaps", "deployments.apps", "secrets");
        List<String> manifestOrder = all.stream().filter(oneThread.damagedTypes()::contains).toList();
        assertThat(oneThread.problems().stream().map(IntegrityProblem::resource).distinct().toList())
                .as("problems in the manifest's order").containsExactlyElementsOf(manifestOrder);
        for (int run = 0; run < 3; run++) {
            IntegrityReport inParallel = checkSelected(all, BackupIntegrityCheck.ARCHIVES_IN_PARALLEL);
            assertThat(inParallel.problems()).extracting(IntegrityProblem::toString)
                    .containsExactlyElementsOf(oneThread.problems().stream().map(IntegrityProblem::toString).toList());
            assertThat(inParallel.summaryLine()).isEqualTo(oneThread.summaryLine());
            assertThat(inParallel.archivesChecked()).isEqualTo(oneThread.archivesChecked()).isEqualTo(all.size());
            assertThat(inParallel.objectsChecked()).isEqualTo(oneThread.objectsChecked()).isPositive();
        }
    }

    private IntegrityReport checkSelected(List<String> resources, int threads) throws Exception {
        try (BackupReader reader = BackupReader.open(storage, "b1", Optional.empty())) {
            return BackupIntegrityCheck.check(reader, resources, fixture.progress, threads, true);
        }
    }

    @Test
    void aBrokenMacAndAMissingArtifactAreProblemsToo() throws Exception {
        backup("b1", key);
        damage.editManifest("b1", m -> m.withObject("labels").put("job", "forged"));
        damage.delete("backups/b1/artifacts/shop-data/db-0/dump.out");

        IntegrityReport r = checkAll("b1", key);

        assertThat(r.wholeBackupDamaged()).isTrue();
        assertThat(r.authentication()).isEqualTo("MAC wrong");
        assertThat(r.problems()).extracting(IntegrityProblem::toString)
                .contains("(backups/b1/manifest.json): manifest: the manifest does not match its MAC: it was altered after the backup")
                .contains("artifacts/shop-data/db-0/dump.out (backups/b1/artifacts/shop-data/db-0/dump.out): missing: the artifact is not in storage");
    }

    @Test
    void aManifestStoredUnderAnotherNameIsNotTrusted() throws Exception {
        backup("b1", null);
        for (var o : storage.list("backups/b1/")) {
            damage.copy(o.key(), o.key().replace("backups/b1/", "backups/b9/"));
        }

        IntegrityReport r = checkAll("b9", null);

        assertThat(r.problems()).extracting(IntegrityProblem::toString)
                .containsExactly("(backups/b9/manifest.json): manifest: it is the manifest of backup 'b1', stored as 'b9' (moved or replaced)");
    }

    @Test
    void theManifestMacIsHkdfExpandThenHmacSha256AsOpensslComputesIt() {
        // openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:0001..1f \
        //   -kdfopt 'info:k8s-backup manifest mac v1' HKDF
        // printf '{"name":"x"}\n' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<that>
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) i;
        }
        EncryptionKey k = EncryptionKey.ofBytes(raw);
        byte[] manifest = "{\"name\":\"x\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(io.jenkins.plugins.k8sbackup.crypto.ManifestMac.of(k, manifest))
                .isEqualTo("0cfc1eb2259f32a3805b69dd554478029d464d69bc62cc5e85a0d85109bba66b");
        assertThat(io.jenkins.plugins.k8sbackup.crypto.ManifestMac.matches(k, manifest,
                "0CFC1EB2259F32A3805B69DD554478029D464D69BC62CC5E85A0D85109BBA66B\n")).isTrue();
        assertThat(io.jenkins.plugins.k8sbackup.crypto.ManifestMac.matches(k, manifest, "zz")).isFalse();
        assertThat(io.jenkins.plugins.k8sbackup.crypto.ManifestMac.matches(newKey(), manifest,
                "0cfc1eb2259f32a3805b69dd554478029d464d69bc62cc5e85a0d85109bba66b")).isFalse();
    }

    @Test
    void entriesAreBoundToTheirBackupFromFormat2On() {
        EntryBinding v2 = new EntryBinding(2, "b1", "id-1");
        String path = "resources/secrets/namespaces/shop/s.json.enc";
        assertThat(new String(v2.associatedData("secrets", path), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("k8s-backup entry v2\0b1\0id-1\0secrets\0" + path);
        assertThat(v2.associatedData("secrets", path)).isNotEqualTo(new EntryBinding(2, "b1", "id-2").associatedData("secrets", path))
                .isNotEqualTo(new EntryBinding(2, "b2", "id-1").associatedData("secrets", path));
        assertThat(new EntryBinding(1, "b1", null).associatedData("secrets", path)).isEqualTo(path.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
