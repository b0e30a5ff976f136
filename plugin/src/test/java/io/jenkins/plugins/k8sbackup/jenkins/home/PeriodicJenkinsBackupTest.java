package io.jenkins.plugins.k8sbackup.jenkins.home;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.TestExtensions;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The periodic JENKINS_HOME backup: when it fires, what it stores, retention, and the last result it records. */
class PeriodicJenkinsBackupTest {
    static final long MIN = 60_000;

    @TempDir
    Path tmp;
    StepHarness h;
    K8sBackupConfiguration config;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final StreamTaskListener listener = new StreamTaskListener(log, StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "unused", 1);
        Files.writeString(h.home.resolve("config.xml"), "<hudson/>");
        Files.createDirectories(h.home.resolve("secrets"));
        Files.writeString(h.home.resolve("secrets/master.key"), "the-master-key");
        config = K8sBackupConfiguration.get();
        config.setLocations(List.of(new PredefinedLocation("vault", new DirectoryLocation(tmp.resolve("vault").toString()))));
        config.setJenkinsHomeLocation("vault");
        config.setFullBackupSchedule("H 2 * * 0");
        config.setDiffBackupSchedule("H 2 * * 1-6");
    }

    PeriodicJenkinsBackup work() {
        PeriodicJenkinsBackup w = new PeriodicJenkinsBackup();
        TestExtensions.register(w);
        return w;
    }

    List<BackupSummary> stored() throws Exception {
        try (LocalDirectoryStorage vault = new LocalDirectoryStorage(tmp.resolve("vault"))) {
            return new BackupCatalog(vault, BackupKind.JENKINS_HOME).list();
        }
    }

    @Test
    void theFullWinsWhenBothFireAndEachMinuteSinceTheLastCheckCounts() {
        BackupSchedule fullAt10 = new BackupSchedule(t -> Math.max(t, 10 * MIN), t -> Math.max(t, 5 * MIN));

        assertThat(fullAt10.due(0, 4 * MIN)).isEmpty();
        assertThat(fullAt10.due(0, 7 * MIN)).contains("diff");
        assertThat(fullAt10.due(6 * MIN, 12 * MIN)).as("a check that ran late still sees 10:00").contains("full");
        assertThat(new BackupSchedule(null, t -> t + 3 * MIN).due(0, 2 * MIN)).isEmpty();
        assertThat(new BackupSchedule(null, null).isEmpty()).isTrue();
    }

    @Test
    void nothingIsDueWithoutSchedulesOrWithAnInvalidOne() {
        config.setFullBackupSchedule(null);
        config.setDiffBackupSchedule(null);
        assertThat(PeriodicJenkinsBackup.dueMode(config, 0, Long.MAX_VALUE / 2)).isEmpty();

        config.setFullBackupSchedule("every sunday");
        assertThat(PeriodicJenkinsBackup.dueMode(config, 0, Long.MAX_VALUE / 2)).isEmpty();
    }

    @Test
    void aScheduledRunBacksUpTheHomeAndRecordsTheResultAcrossRestarts() throws Exception {
        h.credentials(TestCreds.systemScoped(new TestCreds.Text("mk", "passphrase for the master key")));
        config.setJenkinsHomeMasterKeyCredentialsId("mk");
        PeriodicJenkinsBackup work = work();

        work.doRun(); // the stand-in's CronTab fires every minute: full and diff are both due, the full wins

        ScheduledBackupResult r = work.getLastResult();
        assertThat(r.status()).isEqualTo("Completed");
        assertThat(r.mode()).isEqualTo("full");
        assertThat(stored()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo(r.name());
            assertThat(s.labels()).containsEntry("trigger", "schedule");
        });
        assertThat(tmp.resolve("vault/jenkins-master-keys/" + r.name() + "/master.key.enc")).exists();
        assertThat(new PeriodicJenkinsBackup().getLastResult()).as("read back after a restart").isEqualTo(r);
        assertThat(new JenkinsBackupLink().getLastResult()).isEqualTo(r);
        assertThat(new JenkinsBackupLink().isScheduled()).isTrue();
    }

    @Test
    void retentionKeepsTheNewestFullSets() throws Exception {
        config.setJenkinsHomeKeepFull(1);
        PeriodicJenkinsBackup work = work();

        ScheduledBackupResult first = work.runNow("full", listener);
        Files.writeString(h.home.resolve("config.xml"), "<hudson>changed</hudson>");
        ScheduledBackupResult diff = work.runNow("diff", listener);
        ScheduledBackupResult second = work.runNow("full", listener);

        assertThat(List.of(first.status(), diff.status(), second.status())).containsOnly("Completed");
        assertThat(diff.mode()).isEqualTo("diff");
        assertThat(stored()).extracting(BackupSummary::name).containsExactly(second.name());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("[periodic JENKINS_HOME backup] Completed: ");
    }

    @Test
    void aMisconfigurationIsAFailedResultNotAnException() throws Exception {
        config.setJenkinsHomeLocation("gone");
        config.setJenkinsHomeMasterKeyCredentialsId(null);
        PeriodicJenkinsBackup work = work();

        ScheduledBackupResult r = work.runNow("diff", listener);

        assertThat(r.status()).isEqualTo("Failed");
        assertThat(r.summary()).contains("location 'gone' is not one of the predefined storage locations");
        assertThat(work.getLastResult()).isEqualTo(r);
        assertThat(tmp.resolve("vault/jenkins")).doesNotExist();
    }

    @Test
    void aMissingKeyCredentialFailsWithoutBackingUp() throws Exception {
        config.setJenkinsHomeMasterKeyCredentialsId("no-such-id");

        ScheduledBackupResult r = work().runNow("full", listener);

        assertThat(r.status()).isEqualTo("Failed");
        assertThat(r.summary()).contains("no credentials with id 'no-such-id'");
        assertThat(stored()).isEmpty();
        assertThat(Optional.ofNullable(r.name())).isEmpty();
    }

    @Test
    void aKeyThatJobsCouldReadIsRefused() throws Exception {
        h.credentials(new TestCreds.Text("global-key", "a global passphrase any job can read"));
        config.setJenkinsHomeEncryptionCredentialsId("global-key");

        ScheduledBackupResult r = work().runNow("full", listener);

        assertThat(r.status()).isEqualTo("Failed");
        assertThat(r.summary()).contains("encryption credentials 'global-key' must be System-scoped");
        assertThat(stored()).isEmpty();
    }

    @Test
    void theArchiveIsEncryptedWithTheAdministratorsSystemKey() throws Exception {
        h.credentials(TestCreds.systemScoped(new TestCreds.Text("archive-key", "the administrator's archive passphrase")));
        config.setJenkinsHomeEncryptionCredentialsId("archive-key");

        ScheduledBackupResult r = work().runNow("full", listener);

        assertThat(r.status()).isEqualTo("Completed");
        try (java.util.stream.Stream<Path> files = Files.walk(tmp.resolve("vault"))) {
            assertThat(files.map(Path::toString)).anyMatch(f -> f.endsWith("home.tar.zst.enc"));
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("the administrator's archive passphrase");
    }
}
