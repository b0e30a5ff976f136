package io.jenkins.plugins.k8sbackup.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.ExecSimulator;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.RunningPods;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupHookTest {
    static final List<String> DUMP = List.of("sh", "-c", "mysqldump --all-databases");
    static final String DUMP_TEXT = "-- MySQL dump\nCREATE TABLE orders (id INT);\nINSERT INTO orders VALUES (1),(2);\n";

    @TempDir
    Path dir;
    MockCluster cluster;
    LocalDirectoryStorage storage;
    final BackupFixture fixture = new BackupFixture();

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
        storage = new LocalDirectoryStorage(dir.resolve("store"));
        RunningPods.create(cluster, "shop-data", "db-0", Map.of("app", "db"), Map.of(), true, "mysql", "metrics");
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private static HookSpec dumpHook(OnError onError) {
        return new HookSpec("dump", HookPhase.pre, "shop-data", null, "app=db", "mysql", DUMP, onError, Duration.ofSeconds(5), true);
    }

    final ScriptedExecutor exec = new ScriptedExecutor(fixture.log);

    private BackupResult backup(BackupSpec spec, EncryptionKey key) throws Exception {
        try (var client = fixture.engineClient(cluster)) {
            return new io.jenkins.plugins.k8sbackup.backup.BackupRunner(client, BackupFixture.fastCaller(), storage,
                    Optional.ofNullable(key), fixture.progress, java.time.Clock.systemUTC()).withPodExecutor(exec)
                    .run(spec, new io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy(null, null));
        }
    }

    private static final ExecResult OK = new ExecResult(0, "", null);

    private int logIndex(String part) {
        for (int i = 0; i < fixture.log.size(); i++) {
            if (fixture.log.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    private BackupSpec.Builder shop(String name, HookSpec... hooks) {
        return BackupSpec.builder().name(name).includeNamespaces(SampleApp.NAMESPACES).hooks(List.of(hooks));
    }

    @Test
    void aPodFabric8CannotModelNeitherHidesTheHooksOfItsNamespaceNorItsOwn() throws Exception {
        // containerPort "http" where fabric8's Pod has an Integer: a typed list of shop-data threw on it
        cluster.createRaw("/api/v1/namespaces/shop-data/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"odd-0","namespace":"shop-data","annotations":{
                  "pre.hook.backup.velero.io/command":"[\\"sync\\"]"}},
                 "spec":{"containers":[{"name":"app","image":"busybox","ports":[{"containerPort":"http"}]}]},
                 "status":{"phase":"Running"}}
                """);
        exec.answer("db-0", DUMP, DUMP_TEXT, OK).answer("odd-0", List.of("sync"), "", OK);

        BackupResult result = backup(shop("b1", dumpHook(OnError.Fail)).build(), null);

        assertThat(result.status()).as(result.errors().toString()).isEqualTo(BackupStatus.Completed);
        assertThat(result.warnings()).noneMatch(w -> w.contains("cannot list pods"));
        assertThat(exec.calls).extracting(ScriptedExecutor.Call::pod, ScriptedExecutor.Call::command).contains(
                org.assertj.core.groups.Tuple.tuple("db-0", DUMP), org.assertj.core.groups.Tuple.tuple("odd-0", List.of("sync")));
    }

    @Test
    void aDumpHookStoresItsOutputAsAnArtifactWithItsSha256() throws Exception {
        exec.answer("db-0", DUMP, DUMP_TEXT, OK);

        BackupResult result = backup(shop("b1", dumpHook(OnError.Fail)).build(), null);

        assertThat(result.status()).as("%s", result).isEqualTo(BackupStatus.Completed);
        BackupManifest m = BackupReader.open(storage, "b1", Optional.empty()).manifest();
        assertThat(m.artifacts()).singleElement().satisfies(a -> {
            assertThat(a.path()).isEqualTo("artifacts/shop-data/db-0/dump.out");
            assertThat(a.container()).isEqualTo("mysql");
            assertThat(a.phase()).isEqualTo(HookPhase.pre);
            assertThat(a.size()).isEqualTo(DUMP_TEXT.getBytes(StandardCharsets.UTF_8).length);
            assertThat(a.sha256()).isEqualTo(Sha256.hex(DUMP_TEXT.getBytes(StandardCharsets.UTF_8)));
            assertThat(a.encrypted()).isFalse();
        });
        assertThat(Files.readString(dir.resolve("store/backups/b1/artifacts/shop-data/db-0/dump.out"))).isEqualTo(DUMP_TEXT);
        try (InputStream in = HookArtifacts.open(storage, "b1", m.artifacts().get(0), Optional.empty())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(DUMP_TEXT);
        }
        assertThat(exec.calls).singleElement().satisfies(c -> {
            assertThat(c.namespace()).isEqualTo("shop-data");
            assertThat(c.container()).isEqualTo("mysql");
        });
        // The pre hook ran before any object was listed.
        assertThat(logIndex("exec db-0")).isNotNegative().isLessThan(logIndex("  configmaps"));
    }

    @Test
    void theDumpTravelsThroughThePodExecApiIntoTheBackup() throws Exception {
        cluster.exec().handler(e -> e.command().equals(DUMP) ? ExecSimulator.Reply.ok(DUMP_TEXT) : ExecSimulator.Reply.fail(127, "not found"));

        BackupResult result = fixture.backup(cluster, storage, shop("wire", dumpHook(OnError.Fail)).build(), null);

        assertThat(result.status()).as("%s", result).isEqualTo(BackupStatus.Completed);
        assertThat(cluster.exec().calls()).containsExactly(new ExecSimulator.Exec("shop-data", "db-0", "mysql", DUMP));
        HookArtifactRecord a = BackupReader.open(storage, "wire", Optional.empty()).manifest().artifacts().get(0);
        try (InputStream in = HookArtifacts.open(storage, "wire", a, Optional.empty())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(DUMP_TEXT);
        }
    }

    @Test
    void artifactsAreEncryptedWhenTheBackupIsAndCorruptionIsDetected() throws Exception {
        EncryptionKey key = EncryptionKey.ofBytes(new byte[32]);
        exec.answer("db-0", DUMP, DUMP_TEXT, OK);

        BackupResult result = backup(shop("enc", dumpHook(OnError.Fail)).encryption(BackupSpec.EncryptionMode.secrets).build(), key);
        assertThat(result.status()).as(result.toString()).isEqualTo(BackupStatus.Completed);

        BackupManifest m = BackupReader.open(storage, "enc", Optional.of(key)).manifest();
        HookArtifactRecord a = m.artifacts().get(0);
        assertThat(a.encrypted()).isTrue();
        Path stored = dir.resolve("store/backups/enc/artifacts/shop-data/db-0/dump.out");
        assertThat(Files.readString(stored, StandardCharsets.ISO_8859_1)).doesNotContain("CREATE TABLE");
        try (InputStream in = HookArtifacts.open(storage, "enc", a, Optional.of(key))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(DUMP_TEXT);
        }
        assertThatThrownBy(() -> HookArtifacts.open(storage, "enc", a, Optional.empty())).hasMessageContaining("encryption key");
        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length / 2] ^= 1;
        Files.write(stored, bytes);
        assertThatThrownBy(() -> HookArtifacts.open(storage, "enc", a, Optional.of(key)))
                .isInstanceOf(IOException.class).hasMessageContaining("is corrupt");
        HookArtifactRecord escaping = new HookArtifactRecord("x", "y", "c", "h", HookPhase.pre, "artifacts/../../etc/passwd.out", 1, "00", false);
        assertThatThrownBy(() -> HookArtifacts.open(storage, "enc", escaping, Optional.empty())).hasMessageContaining("invalid artifact path");
    }

    @Test
    void veleroAnnotatedPodsRunTheirPreAndPostHooksUnchanged() throws Exception {
        RunningPods.create(cluster, "shop", "web-0", Map.of("app", "web"), Map.of(
                "pre.hook.backup.velero.io/container", "nginx",
                "pre.hook.backup.velero.io/command", "[\"/sbin/fsfreeze\", \"--freeze\", \"/var/log/nginx\"]",
                "post.hook.backup.velero.io/command", "[\"/sbin/fsfreeze\", \"--unfreeze\", \"/var/log/nginx\"]"), true, "nginx", "sidecar");
        List<String> freeze = List.of("/sbin/fsfreeze", "--freeze", "/var/log/nginx");
        List<String> unfreeze = List.of("/sbin/fsfreeze", "--unfreeze", "/var/log/nginx");
        exec.answer("web-0", freeze, null, OK).answer("web-0", unfreeze, null, OK);

        BackupResult result = backup(shop("v1").build(), null);

        assertThat(result.status()).as("%s", result).isEqualTo(BackupStatus.Completed);
        assertThat(exec.calls).extracting(ScriptedExecutor.Call::command).containsExactly(freeze, unfreeze);
        assertThat(exec.calls).allMatch(c -> c.container().equals("nginx") && c.pod().equals("web-0"));
        assertThat(logIndex("exec web-0 " + freeze)).isNotNegative().isLessThan(logIndex("  configmaps"));
        assertThat(logIndex("exec web-0 " + unfreeze)).isGreaterThan(logIndex("  customresourcedefinitions"));
        assertThat(BackupReader.open(storage, "v1", Optional.empty()).manifest().artifacts()).isEmpty();
    }

    @Test
    void aFailingHookWithFailMakesTheBackupPartiallyFailedAndStoresNoArtifact() throws Exception {
        exec.answer("db-0", DUMP, "-- partial dump\n", new ExecResult(2, "mysqldump: Got error: 2002", null));

        BackupResult result = backup(shop("f1", dumpHook(OnError.Fail)).build(), null);

        assertThat(result.status()).as("%s", result).isEqualTo(BackupStatus.PartiallyFailed);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.resource()).isEqualTo("pods");
            assertThat(e.namespace()).isEqualTo("shop-data");
            assertThat(e.name()).isEqualTo("db-0");
            assertThat(e.reason()).contains("pre hook dump failed", "exit code 2", "Got error: 2002");
        });
        assertThat(BackupReader.open(storage, "f1", Optional.empty()).manifest().artifacts()).isEmpty();
        assertThat(storage.exists("backups/f1/artifacts/shop-data/db-0/dump.out")).isFalse();
    }

    @Test
    void aFailingHookWithContinueIsOnlyAWarning() throws Exception {
        exec.answer("db-0", DUMP, null, new ExecResult(1, "boom", null));

        BackupResult result = backup(shop("c1", dumpHook(OnError.Continue)).build(), null);

        assertThat(result.status()).as("%s", result).isEqualTo(BackupStatus.Completed);
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).anyMatch(w -> w.contains("pre hook dump in pod shop-data/db-0 failed: exit code 1: boom")
                && w.contains("onError Continue"));
    }

    @Test
    void aBackupThatDiesMidwayStillRunsThePostHooks() throws Exception {
        List<String> freeze = List.of("fsfreeze", "--freeze", "/data");
        List<String> unfreeze = List.of("fsfreeze", "--unfreeze", "/data");
        exec.answer("db-0", freeze, null, OK).answer("db-0", unfreeze, null, OK);
        HookSpec pre = new HookSpec("freeze", HookPhase.pre, "shop-data", "db-0", null, "mysql", freeze, null, null, false);
        HookSpec post = new HookSpec("unfreeze", HookPhase.post, "shop-data", "db-0", null, "mysql", unfreeze, null, null, false);
        var dying = io.jenkins.plugins.k8sbackup.testing.FailingStorage.dyingAfter(storage, 200);

        try (var client = fixture.engineClient(cluster)) {
            var runner = new io.jenkins.plugins.k8sbackup.backup.BackupRunner(client, BackupFixture.fastCaller(), dying,
                    Optional.empty(), fixture.progress, java.time.Clock.systemUTC()).withPodExecutor(exec);
            assertThatThrownBy(() -> runner.run(shop("dies", pre, post).build(), null)).isInstanceOf(IOException.class);
        }

        // the application is not left frozen, and nothing of the failed backup remains
        assertThat(exec.calls).extracting(ScriptedExecutor.Call::command).containsExactly(freeze, unfreeze);
        assertThat(storage.list("backups/dies/")).isEmpty();
    }

    @Test
    void aMalformedAnnotationIsAnErrorNamingThePod() throws Exception {
        RunningPods.create(cluster, "shop", "web-1", Map.of("app", "web"), Map.of(
                "pre.hook.backup.velero.io/command", "[\"unterminated",
                "pre.hook.backup.velero.io/on-error", "Continue"), true, "nginx");

        BackupResult result = backup(shop("m1").build(), null);

        assertThat(result.status()).as("%s", result).isEqualTo(BackupStatus.PartiallyFailed);
        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.reason())
                .contains("pre.hook.backup.velero.io/* annotation on pod shop/web-1", "not a JSON array"));
    }

    @Test
    void hooksOnlyTargetRunningPodsAndWarnWhenNoneMatch() throws Exception {
        HookSpec none = new HookSpec("dump", HookPhase.pre, "shop-data", null, "app=nothing", null, DUMP, OnError.Fail, null, false);
        BackupResult result = backup(shop("n1", none).build(), null);
        assertThat(exec.calls).isEmpty();
        assertThat(result.status()).as("%s", result).isEqualTo(BackupStatus.Completed);
        assertThat(result.warnings()).anyMatch(w -> w.contains("hook dump: no running pod matches app=nothing in shop-data"));
    }
}
