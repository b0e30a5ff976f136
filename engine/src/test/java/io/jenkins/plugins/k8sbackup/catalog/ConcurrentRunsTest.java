package io.jenkins.plugins.k8sbackup.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.backup.BackupRunner;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.ops.RestoreOperation;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.restore.RestoreReport;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.S3ProxyFixture;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.storage.StoredObject;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testing.GatedStorage;
import io.jenkins.plugins.k8sbackup.testing.KilledRun;
import io.jenkins.plugins.k8sbackup.testing.TestStore;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Names, retention and concurrent runs, end to end through the real engine, on a directory and on S3 (s3proxy):
 * runs that truly overlap (one is held at a gate in its storage, or in its progress listener), and the leftovers a
 * killed run leaves, made by the test as such a run leaves them.
 */
class ConcurrentRunsTest {
    @RegisterExtension
    static final S3ProxyFixture S3 = new S3ProxyFixture();

    @TempDir
    Path dir;
    MockCluster cluster;
    final BackupFixture fixture = new BackupFixture();
    final ExecutorService background = Executors.newCachedThreadPool();
    BackupStorage storage;
    StorageTarget target;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
    }

    @AfterEach
    void tearDown() throws IOException {
        background.shutdownNow();
        if (storage != null) {
            storage.close();
        }
        cluster.close();
    }

    private void open(TestStore store) throws IOException {
        String uri = store.uri(dir, S3);
        storage = store.open(uri, S3);
        target = store.target(uri);
    }

    private BackupResult backup(BackupStorage to, String name, Map<String, String> labels, RetentionPolicy retention,
                                Clock clock) throws Exception {
        try (KubernetesClient client = fixture.engineClient(cluster)) {
            return new BackupRunner(client, BackupFixture.fastCaller(), to, Optional.empty(), fixture.progress, clock)
                    .run(BackupSpec.builder().name(name).includeNamespaces(List.of("shop")).labels(labels).build(), retention);
        }
    }

    private BackupResult backup(String name, Map<String, String> labels, RetentionPolicy retention) throws Exception {
        return backup(storage, name, labels, retention, Clock.systemUTC());
    }

    /** A backup held at the gate of its first type archive: claimed, index open, nothing published. */
    private Future<BackupResult> pausedBackup(GatedStorage gated, String name) throws InterruptedException {
        Future<BackupResult> running = background.submit(() -> backup(gated, name, Map.of(), null, Clock.systemUTC()));
        gated.awaitReached();
        return running;
    }

    private static GatedStorage gateAtTheFirstArchive(BackupStorage storage) {
        return new GatedStorage(storage, key -> key.contains("/resources/"));
    }

    private BackupCatalog catalog() {
        return new BackupCatalog(storage, BackupKind.KUBERNETES);
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void ofTwoBackupsWithTheSameNameAtOnceTheSecondIsRefusedBeforeItStoresAnything(TestStore store) throws Exception {
        open(store);
        GatedStorage gated = gateAtTheFirstArchive(storage);
        Future<BackupResult> first = pausedBackup(gated, "b1");
        List<StoredObject> before = storage.list("");

        assertThatThrownBy(() -> backup("b1", Map.of(), null)).isInstanceOf(BackupInUseException.class)
                .hasMessageContaining("backup 'b1' at " + storage.describe() + " is being written: backup by");
        assertThat(storage.list("")).as("the refused run stored nothing").isEqualTo(before);

        gated.open();
        assertThat(first.get(2, TimeUnit.MINUTES).status()).isEqualTo(BackupStatus.Completed);
        assertThat(catalog().list()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("b1");
            assertThat(s.status()).isEqualTo(BackupStatus.Completed);
            assertThat(s.leases()).isEmpty();
        });
        assertThat(BackupReader.open(storage, "b1", Optional.empty()).readAll()).isNotEmpty()
                .allMatch(BackupReader.StoredItem::ok);
        assertThat(storage.list("leases/")).as("the claim is released").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aDeleteWhileABackupIsBeingWrittenIsRefusedAndTheBackupCompletes(TestStore store) throws Exception {
        open(store);
        GatedStorage gated = gateAtTheFirstArchive(storage);
        Future<BackupResult> running = pausedBackup(gated, "b1");
        assertThat(catalog().summarise("b1").status()).isEqualTo(BackupStatus.InProgress);
        assertThat(catalog().summarise("b1").activity()).startsWith("being written: backup by");

        assertThatThrownBy(() -> catalog().delete("b1")).isInstanceOf(BackupInUseException.class)
                .hasMessageContaining("is being written").hasMessageContaining("not deleted");

        gated.open();
        assertThat(running.get(2, TimeUnit.MINUTES).status()).isEqualTo(BackupStatus.Completed);
        assertThat(catalog().summarise("b1").status()).isEqualTo(BackupStatus.Completed);
        assertThat(BackupReader.open(storage, "b1", Optional.empty()).readAll()).allMatch(BackupReader.StoredItem::ok);
        catalog().delete("b1");
        assertThat(storage.list("")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aBackupWhoseClaimIsDeletedWhileItRunsFailsAndPublishesNothing(TestStore store) throws Exception {
        open(store);
        GatedStorage gated = gateAtTheFirstArchive(storage);
        Future<BackupResult> running = pausedBackup(gated, "b2");

        storage.deletePrefix("leases/backups/b2/write.json"); // as a delete that did not see the lease would

        gated.open();
        assertThatThrownBy(() -> running.get(2, TimeUnit.MINUTES)).hasCauseInstanceOf(LeaseLostException.class)
                .hasMessageContaining("backup 'b2' at " + storage.describe() + " is no longer held by this backup");
        assertThat(storage.exists("backups/b2/manifest.json")).isFalse();
        assertThat(catalog().summarise("b2").status()).as("what it wrote is listed").isEqualTo(BackupStatus.Incomplete);
        catalog().delete("b2");
        assertThat(storage.list("")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aTtlExpiresOnlyItsOwnBackupNeverOthersWithoutOne(TestStore store) throws Exception {
        open(store);
        Instant now = Instant.now();
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        backup("other-job", Map.of("job", "other"), null);
        backup("legacy", Map.of("job", "other"), null);
        stripRetentionFields("legacy"); // a manifest written before expiry and series existed
        BackupResult mine1 = backup("mine-1", Map.of("job", "mine"), new RetentionPolicy(Duration.ofHours(1), null));
        assertThat(mine1.pruned()).isZero();
        assertThat(catalog().summarise("mine-1").expiresAt()).isBetween(now.plus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofHours(1)));

        BackupResult mine2 = backup(storage, "mine-2", Map.of("job", "mine"), new RetentionPolicy(Duration.ofHours(1), null), later);

        assertThat(mine2.pruned()).isEqualTo(1);
        assertThat(catalog().list()).extracting(BackupSummary::name).containsExactlyInAnyOrder("mine-2", "legacy", "other-job");
        assertThat(catalog().summarise("other-job").expiresAt()).as("no ttl: never expires").isNull();
        assertThat(fixture.log).contains("retention: deleted backup mine-1");
    }

    private void stripRetentionFields(String name) throws IOException {
        ObjectNode manifest = (ObjectNode) catalog().manifestJson(name).orElseThrow();
        manifest.remove(List.of("expiresAt", "series"));
        storage.write(BackupKind.KUBERNETES.keyOf(name, BackupCatalog.MANIFEST), Json.PRETTY.writeValueAsBytes(manifest));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void keepLastKeepsExactlyNOfItsOwnSeriesCountingTheNewOne(TestStore store) throws Exception {
        open(store);
        int minute = 0;
        for (String name : List.of("a1", "b1", "a2", "plain", "b2", "a3", "a-elsewhere", "legacy-a")) {
            Map<String, String> labels = name.equals("plain") ? Map.of()
                    : Map.of("job", name.startsWith("b") ? "b" : "a", "BUILD_NUMBER", "" + minute);
            backup(storage, name, labels, null, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(minute++)));
        }
        ObjectNode elsewhere = (ObjectNode) catalog().manifestJson("a-elsewhere").orElseThrow();
        ((ObjectNode) elsewhere.path("series")).put("source", "kube-system uid of another cluster");
        storage.write(BackupKind.KUBERNETES.keyOf("a-elsewhere", BackupCatalog.MANIFEST), Json.PRETTY.writeValueAsBytes(elsewhere));
        stripRetentionFields("legacy-a");

        BackupResult a4 = backup(storage, "a4", Map.of("job", "a", "BUILD_NUMBER", "99"), new RetentionPolicy(null, 2),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(minute)));

        assertThat(a4.pruned()).isEqualTo(2);
        assertThat(catalog().list()).extracting(BackupSummary::name)
                .containsExactly("a4", "legacy-a", "a-elsewhere", "a3", "b2", "plain", "b1");
        assertThat(catalog().summarise("a4").series()).isEqualTo(new BackupSeries(
                cluster.client().namespaces().withName("kube-system").get().getMetadata().getUid(), Map.of("job", "a")));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void retentionLeavesABackupAloneWhileARestoreReadsItAndDeletesItAfterwards(TestStore store) throws Exception {
        open(store);
        Map<String, String> nightly = Map.of("job", "nightly");
        backup("old", nightly, null);
        CountDownLatch midway = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        ProgressListener pausing = message -> {
            fixture.log.add(message);
            if (message.startsWith("  ") && held.compareAndSet(false, true)) { // the first type is restored
                midway.countDown();
                try {
                    resume.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        KubeTarget kube = KubeTarget.fromFile(cluster.writeKubeconfig(dir.resolve("kubeconfig")), null, 1000, 1000);
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop-copy").endMetadata()
                .build()).create();
        Future<RestoreReport> restore = background.submit(() -> RestoreOperation.run(kube, target,
                RestoreSpec.builder("old").includeNamespaces(List.of("shop")).namespaceMapping(Map.of("shop", "shop-copy"))
                        .includeResources(List.of("configmaps", "secrets")).includeClusterResources(false).build(),
                Optional.empty(), pausing));
        assertThat(midway.await(2, TimeUnit.MINUTES)).as("the restore got midway").isTrue();
        assertThat(catalog().summarise("old").activity()).startsWith("being read: restore by");

        BackupResult next = backup("new", nightly, new RetentionPolicy(null, 1));

        assertThat(next.pruned()).isZero();
        assertThat(next.status()).isEqualTo(BackupStatus.Completed);
        assertThat(next.warnings()).anyMatch(w -> w.startsWith("retention: kept backup old: backup 'old' at ")
                && w.contains("is being read: restore by"));
        assertThatThrownBy(() -> catalog().delete("old")).isInstanceOf(BackupInUseException.class);
        resume.countDown();
        assertThat(restore.get(2, TimeUnit.MINUTES).errors()).isEmpty();
        assertThat(cluster.client().configMaps().inNamespace("shop-copy").withName("web-config").get()).isNotNull();
        assertThat(catalog().summarise("old").leases()).as("the read lease is released").isEmpty();

        BackupResult newer = backup("newer", nightly, new RetentionPolicy(null, 1));
        assertThat(newer.pruned()).isEqualTo(2);
        assertThat(catalog().list()).extracting(BackupSummary::name).containsExactly("newer");
    }

    private StorageWriter leaveAKilledRun(String name, Instant claimExpiry) throws Exception {
        return KilledRun.leave(storage, BackupKind.KUBERNETES, name, claimExpiry,
                "backups/" + name + "/resources/leftover.example.com.tar.zst", "backups/" + name + "/resources/secrets.tar.zst");
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void everythingAKilledRunLeftIsListedAndDeletable(TestStore store) throws Exception {
        open(store);
        StorageWriter killed = leaveAKilledRun("b1", Instant.now().minus(Duration.ofMinutes(10)));
        try {
            assertThat(catalog().list()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("b1");
                assertThat(s.status()).isEqualTo(BackupStatus.Incomplete);
                assertThat(s.totalBytes()).as("the unfinished write counts").isGreaterThan(100);
                assertThat(s.activity()).isEqualTo("stale lease (being written): backup by " + KilledRun.HOLDER + " until "
                        + s.leases().get(0).record().expiresAt());
            });

            catalog().delete("b1");

            assertThat(storage.list("")).isEmpty();
            assertThat(storage.listUnfinished("")).isEmpty();
            assertThat(catalog().list()).isEmpty();
            assertThatThrownBy(() -> catalog().delete("b1")).isInstanceOf(NoSuchBackupException.class)
                    .hasMessage("no backup named 'b1' at " + storage.describe());
        } finally {
            killed.abort();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aNewRunTakesOverAStaleClaimAndRemovesTheLeftoversFirst(TestStore store) throws Exception {
        open(store);
        StorageWriter killed = leaveAKilledRun("b1", Instant.now().minus(Duration.ofMinutes(10)));
        try {
            BackupResult result = backup("b1", Map.of(), null);

            assertThat(result.status()).isEqualTo(BackupStatus.Completed);
            assertThat(storage.exists("backups/b1/resources/leftover.example.com.tar.zst")).isFalse();
            assertThat(storage.listUnfinished("")).isEmpty();
            assertThat(storage.list("leases/")).isEmpty();
            assertThat(fixture.log).anyMatch(l -> l.contains("took over the stale lease (being written): backup by " + KilledRun.HOLDER));
            assertThat(fixture.log).anyMatch(l -> l.contains("removed 2 objects") && l.contains("interrupted run"));
            assertThat(BackupReader.open(storage, "b1", Optional.empty()).readAll()).allMatch(BackupReader.StoredItem::ok);
        } finally {
            killed.abort();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aLiveClaimOfAnotherRunIsNeverTakenOver(TestStore store) throws Exception {
        open(store);
        StorageWriter other = leaveAKilledRun("b1", Instant.now().plus(Duration.ofMinutes(10)));
        try {
            assertThat(catalog().summarise("b1").status()).isEqualTo(BackupStatus.InProgress);
            assertThatThrownBy(() -> backup("b1", Map.of(), null)).isInstanceOf(BackupInUseException.class)
                    .hasMessageContaining("is being written: backup by " + KilledRun.HOLDER);
            assertThatThrownBy(() -> catalog().delete("b1")).isInstanceOf(BackupInUseException.class);
            assertThat(storage.exists("backups/b1/resources/leftover.example.com.tar.zst")).isTrue();
            assertThat(storage.listUnfinished("backups/b1/")).hasSize(1);
        } finally {
            other.abort();
        }
    }
}
