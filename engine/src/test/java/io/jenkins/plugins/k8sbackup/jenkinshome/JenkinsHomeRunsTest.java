package io.jenkins.plugins.k8sbackup.jenkinshome;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.S3ProxyFixture;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.testing.KilledRun;
import io.jenkins.plugins.k8sbackup.testing.TestStore;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JENKINS_HOME backups sharing a location: killed runs' leftovers, retention per series, and restores under way. */
class JenkinsHomeRunsTest {
    @RegisterExtension
    static final S3ProxyFixture S3 = new S3ProxyFixture();

    @TempDir
    Path tmp;
    BackupStorage storage;
    final List<String> log = new ArrayList<>();
    final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() throws Exception {
        background.shutdownNow();
        storage.close();
    }

    private void open(TestStore store) throws Exception {
        storage = store.open(store.uri(tmp, S3), S3);
    }

    private Path home(String dir, String secretKey) throws Exception {
        Path home = JenkinsHomeFixture.create(tmp.resolve(dir));
        JenkinsHomeFixture.write(home, HomeIdentity.SECRET_KEY, secretKey);
        return home;
    }

    private JenkinsBackupResult backup(Path home, String name, BackupMode mode, Integer keepLastFull) throws Exception {
        return JenkinsHomeBackup.run(JenkinsBackupOptions.builder(home).name(name).mode(mode).keepLastFull(keepLastFull)
                .build(), storage, log::add);
    }

    private BackupCatalog catalog() {
        return new BackupCatalog(storage, BackupKind.JENKINS_HOME);
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void whatAKilledJenkinsBackupLeftIsListedDeletableAndCleanedByTheNextRunOfTheName(TestStore store) throws Exception {
        open(store);
        StorageWriter killed = KilledRun.leave(storage, BackupKind.JENKINS_HOME, "j1", Instant.now().minus(Duration.ofMinutes(5)),
                JenkinsLayout.masterKey("j1"), JenkinsLayout.archive("j1", false));
        try {
            assertThat(catalog().list()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("j1");
                assertThat(s.status()).isEqualTo(BackupStatus.Incomplete);
                assertThat(s.totalBytes()).as("the temporary archive and the master key object").isGreaterThan(100);
            });
            catalog().delete("j1");
            assertThat(storage.list("")).isEmpty();
            assertThat(storage.listUnfinished("")).isEmpty();
        } finally {
            killed.abort();
        }

        StorageWriter again = KilledRun.leave(storage, BackupKind.JENKINS_HOME, "j1", Instant.now().minus(Duration.ofMinutes(5)),
                JenkinsLayout.masterKey("j1"), JenkinsLayout.archive("j1", false));
        try {
            JenkinsBackupResult result = backup(home("home", "key-a"), "j1", BackupMode.FULL, null);
            assertThat(result.status()).isEqualTo(BackupStatus.Completed);
            assertThat(storage.list(JenkinsLayout.MASTER_KEY_PREFIX)).as("the leftover master key went first").isEmpty();
            assertThat(storage.listUnfinished("")).isEmpty();
            assertThat(log).anyMatch(l -> l.contains("took over the stale lease"));
        } finally {
            again.abort();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void keepLastFullAndDiffBasesStayWithinTheSeriesOfOneJenkins(TestStore store) throws Exception {
        open(store);
        Path a = home("home-a", "secret-key-of-a");
        Path b = home("home-b", "secret-key-of-b");
        backup(a, "a1", BackupMode.FULL, null);
        backup(b, "b1", BackupMode.FULL, null);
        backup(a, "a2", BackupMode.FULL, null);
        JenkinsBackupResult b2 = backup(b, "b2", BackupMode.AUTO, null);
        assertThat(b2.baseFull()).as("its own full, not the newer one of another Jenkins").isEqualTo("b1");

        JenkinsBackupResult a3 = backup(a, "a3", BackupMode.FULL, 1);

        assertThat(a3.prunedBackups()).containsExactlyInAnyOrder("a1", "a2");
        assertThat(catalog().list()).extracting(BackupSummary::name).containsExactlyInAnyOrder("a3", "b1", "b2");
        assertThat(catalog().summarise("a3").series().source()).startsWith("jenkins:")
                .isNotEqualTo(catalog().summarise("b1").series().source());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void retentionKeepsAFullWhileItIsRestoredAndDeletesItAfterwards(TestStore store) throws Exception {
        open(store);
        Path a = home("home-a", "secret-key-of-a");
        backup(a, "a1", BackupMode.FULL, null);
        CountDownLatch midway = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        ProgressListener pausing = message -> {
            if (message.startsWith("extracting") && held.compareAndSet(false, true)) {
                midway.countDown();
                try {
                    resume.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Future<JenkinsRestoreReport> restore = background.submit(() -> JenkinsHomeRestore.restore(
                JenkinsRestoreOptions.builder("a1", tmp.resolve("restored")).build(), storage, pausing));
        assertThat(midway.await(2, TimeUnit.MINUTES)).isTrue();

        JenkinsBackupResult a2 = backup(a, "a2", BackupMode.FULL, 1);

        assertThat(a2.status()).isEqualTo(BackupStatus.Completed);
        assertThat(a2.prunedBackups()).isEmpty();
        assertThat(a2.warnings()).singleElement().asString().startsWith("retention: kept backup a1: backup 'a1' at ")
                .contains("is being read: jenkins-restore by");
        resume.countDown();
        assertThat(restore.get(2, TimeUnit.MINUTES).status()).isEqualTo(BackupStatus.Completed);

        assertThat(backup(a, "a3", BackupMode.FULL, 1).prunedBackups()).containsExactlyInAnyOrder("a1", "a2");
    }
}
