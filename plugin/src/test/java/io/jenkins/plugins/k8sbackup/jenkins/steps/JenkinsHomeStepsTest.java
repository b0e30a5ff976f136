package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.model.Computer;
import hudson.model.Executor;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.queue.SubTask;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.jenkins.home.ExecutorBuildActivity;
import io.jenkins.plugins.k8sbackup.jenkins.report.BackupReportAction;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import jenkins.model.TestJenkins;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Location;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jenkinsBackup / jenkinsRestore for real: gated by the administrators' allow-list, writing to the administrator's
 * JENKINS_HOME location and restoring below the restore root (the attacks are in JenkinsHomeSecurityTest).
 */
@SuppressWarnings("unchecked")
class JenkinsHomeStepsTest {
    @TempDir
    Path tmp;
    StepHarness h;
    Path restores;

    static final String MASTER_KEY = "0123456789abcdef-the-controller-master-key";

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "ops/jenkins-backup", 5);
        write("config.xml", "<hudson/>");
        write("credentials.xml", "<credentials/>");
        write("jobs/app/config.xml", "<project/>");
        write("jobs/app/nextBuildNumber", "7");
        write("users/admin/config.xml", "<user/>");
        write("secrets/master.key", MASTER_KEY);
        write("workspace/app/big.bin", "never backed up");
        K8sBackupConfiguration.get().setLocations(List.of(new PredefinedLocation("vault", new DirectoryLocation(tmp.resolve("vault").toString()))));
        K8sBackupConfiguration.get().setJenkinsHomeLocation("vault");
        restores = Files.createDirectories(tmp.resolve("restores"));
        K8sBackupConfiguration.get().setJenkinsHomeRestoreRoot(restores.toString());
    }

    void write(String rel, String content) throws Exception {
        Path p = h.home.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    boolean storedBytesContain(String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(tmp.resolve("vault"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static void busy(Computer c, Queue.Executable running) {
        new Executor(c, 0) {
            @Override
            public Queue.Executable getCurrentExecutable() {
                return running;
            }
        };
    }

    static final class TestComputer extends Computer {
        TestComputer() {
            super(null);
            TestJenkins.addComputer(this);
        }
    }

    /** A Pipeline node {} block: its own executable, whose parent is the build. */
    record NodeBlock(Queue.Executable build) implements Queue.Executable {
        @Override
        public SubTask getParent() {
            return null;
        }

        @Override
        public Queue.Executable getParentExecutable() {
            return build;
        }

        @Override
        public void run() {
        }
    }

    JenkinsBackupStep backup() {
        return new JenkinsBackupStep();
    }

    JenkinsRestoreStep restore(String target) {
        JenkinsRestoreStep step = new JenkinsRestoreStep("latest");
        step.setTarget(target);
        return step;
    }

    @Test
    void aJobOffTheAllowListIsRefused() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/other-job\nadmin/**");

        Throwable failure = h.runFailing(backup());

        assertThat(failure).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("jenkinsBackup: job 'ops/jenkins-backup' may not back up or restore JENKINS_HOME");
        assertThat(h.runFailing(restore("staging"))).hasMessageStartingWith("jenkinsRestore: job 'ops/jenkins-backup' may not");
    }

    @Test
    void anEmptyAllowListRefusesEveryJob() throws Exception {
        assertThat(h.runFailing(backup())).hasMessageContaining("may not back up or restore JENKINS_HOME");
    }

    @Test
    void anAllowedJobBacksUpTheHomeForRealAndARestoreReproducesIt() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("# ops jobs\nops/jenkins-backup");
        h.credentials(TestCreds.systemScoped(new TestCreds.Text("master-key-key", "a passphrase for master.key only")));
        K8sBackupConfiguration.get().setJenkinsHomeMasterKeyCredentialsId("master-key-key");
        JenkinsBackupStep full = backup();
        full.setMode("full");

        Map<String, Object> first = map(h.run(full));

        assertThat(first).containsEntry("mode", "full").containsEntry("status", "Completed")
                .containsEntry("masterKey", "stored-separately");
        assertThat(((Number) first.get("files")).intValue()).isEqualTo(5); // config.xml, credentials.xml, job config + nextBuildNumber, user
        try (LocalDirectoryStorage vault = new LocalDirectoryStorage(tmp.resolve("vault"))) {
            assertThat(new BackupCatalog(vault, BackupKind.JENKINS_HOME).list()).singleElement()
                    .satisfies(s -> assertThat(s.labels()).containsEntry("JOB_NAME", "ops/jenkins-backup").containsEntry("BUILD_NUMBER", "5"));
        }
        assertThat(h.log()).contains("[jenkinsBackup] backing up JENKINS_HOME (full) to " + tmp.resolve("vault"))
                .contains("master.key stored separately").doesNotContain("a passphrase for master.key only");
        assertThat(storedBytesContain(MASTER_KEY)).as("master.key is never stored in plain").isFalse();
        assertThat(h.run.getAction(BackupReportAction.class)).isNotNull();

        Files.writeString(h.home.resolve("jobs/app/config.xml"), "<project>changed</project>");
        Files.delete(h.home.resolve("users/admin/config.xml"));
        Map<String, Object> diff = map(h.run(backup()));

        assertThat(diff).containsEntry("mode", "diff").containsEntry("baseFull", first.get("name"))
                .containsEntry("files", 1).containsEntry("deletionCount", 1);

        Path staging = restores.toRealPath().resolve("staging-home");
        JenkinsRestoreStep preview = restore("staging-home");
        Map<String, Object> plan = map(h.run(preview));

        assertThat(plan).containsEntry("preview", true).containsEntry("backupName", diff.get("name"));
        assertThat((List<Object>) plan.get("create")).contains("config.xml", "jobs/app/config.xml").doesNotContain("users/admin/config.xml");
        assertThat(staging).as("a preview writes nothing").doesNotExist();

        JenkinsRestoreStep real = restore(staging.toString());
        real.setPreview(false);
        Map<String, Object> report = map(h.run(real));

        assertThat(report).containsEntry("preview", false).containsEntry("status", "Completed");
        assertThat(staging.resolve("jobs/app/config.xml")).hasContent("<project>changed</project>");
        assertThat(staging.resolve("secrets/master.key")).hasContent(MASTER_KEY);
        assertThat(staging.resolve("users/admin/config.xml")).doesNotExist();
        assertThat(staging.resolve("workspace")).doesNotExist();
        assertThat(staging.resolve("plugins.txt")).exists();
    }

    @Test
    void withoutAMasterKeyCredentialMasterKeyIsNotStoredAndTheReportSaysSo() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/jenkins-backup");

        Map<String, Object> result = map(h.run(backup()));

        assertThat(result).containsEntry("masterKey", "not-backed-up").containsEntry("mode", "full");
        assertThat(h.log()).contains("master.key not stored");
        assertThat(storedBytesContain(MASTER_KEY)).isFalse();
    }

    @Test
    void theQuietWaitIgnoresTheStepsOwnBuildButWaitsForOthers() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/jenkins-backup");
        TestComputer controller = new TestComputer();
        busy(controller, h.run);                  // the Pipeline's own flyweight executor
        busy(controller, new NodeBlock(h.run));   // and its node {} block
        JenkinsBackupStep step = backup();
        step.setWaitForBuilds("300ms");
        step.setFailIfBusy(true);

        assertThat(map(h.run(step))).containsEntry("status", "Completed");
        assertThat(new ExecutorBuildActivity().runningBuildsExcluding(h.run.getExternalizableId())).isZero();

        busy(controller, new NodeBlock(h.otherBuild(4)));
        busy(controller, h.otherBuild(4));
        assertThat(new ExecutorBuildActivity().runningBuildsExcluding(h.run.getExternalizableId())).isEqualTo(1);

        assertThat(h.runFailing(step)).hasMessageContaining("1 build(s) still running after waiting 0s")
                .hasMessageContaining("backup not started");

        step.setFailIfBusy(false);
        Map<String, Object> anyway = map(h.run(step));
        assertThat(anyway).containsEntry("status", "PartiallyFailed");
        assertThat((List<?>) anyway.get("warnings")).anySatisfy(w -> assertThat(w.toString()).contains("backed up anyway"));
        assertThat(h.result()).isEqualTo(Result.UNSTABLE);
    }

    @Test
    void aBadWaitIsRefusedBeforeAnythingRuns() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/jenkins-backup");
        JenkinsBackupStep step = backup();
        step.setWaitForBuilds("soon");

        assertThat(h.runFailing(step)).hasMessageStartingWith("jenkinsBackup: waitForBuilds: 'soon' is not a duration");
        assertThat(tmp.resolve("vault/jenkins")).doesNotExist();
    }

    @Test
    void aRestoreIntoTheHomeOfAnotherRunningJenkinsIsRefusedByTheEngine() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/jenkins-backup");
        h.run(backup());
        Path otherHome = Files.createDirectories(restores.resolve("other-jenkins"));
        Files.writeString(otherHome.resolve(".owner"), String.valueOf(ProcessHandle.current().pid()));
        JenkinsRestoreStep step = restore(otherHome.toString());
        step.setPreview(false);

        assertThat(h.runFailing(step)).isInstanceOf(AbortException.class)
                .hasMessageContaining("looks like the home of a running Jenkins");
        assertThat(otherHome.resolve("config.xml")).doesNotExist();
    }

    @Test
    void restoringAMissingBackupSaysSo() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/jenkins-backup");

        assertThat(h.runFailing(restore("staging"))).isInstanceOf(AbortException.class)
                .hasMessageContaining("no complete backup at " + tmp.resolve("vault"));
    }

    @Test
    void badModesAndNamesAreRefused() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/jenkins-backup");
        JenkinsBackupStep mode = backup();
        mode.setMode("incremental");
        JenkinsBackupStep name = backup();
        name.setName("a/b");

        assertThat(h.runFailing(mode)).hasMessage("jenkinsBackup: mode must be 'full', 'diff' or 'auto', not 'incremental'");
        assertThat(h.runFailing(name)).hasMessageContaining("invalid backup name 'a/b'");
    }

    @Test
    void anS3LocationNeedsNoWorkspace() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/jenkins-backup");
        K8sBackupConfiguration.get().setLocations(List.of(new PredefinedLocation("s3vault", new S3Location("jenkins-backups"))));
        K8sBackupConfiguration.get().setJenkinsHomeLocation("s3vault");

        // No S3 here: the engine fails to reach it, after the location resolved without a workspace.
        assertThat(h.runFailing(backup())).isInstanceOf(AbortException.class).hasMessageNotContaining("workspace");
        assertThat(h.log()).contains("to s3://jenkins-backups/");
    }
}
