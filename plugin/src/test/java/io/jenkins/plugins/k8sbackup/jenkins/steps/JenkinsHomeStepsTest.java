package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.NamedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Location;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jenkinsBackup / jenkinsRestore are gated by the administrators' allow-list and never restore into the live home. */
class JenkinsHomeStepsTest {
    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "ops/jenkins-backup", 5);
        K8sBackupConfiguration.get().setLocations(List.of(new PredefinedLocation("vault", new DirectoryLocation(tmp.resolve("vault").toString()))));
    }

    JenkinsBackupStep backup() {
        JenkinsBackupStep step = new JenkinsBackupStep();
        step.setStorage(new NamedLocation("vault"));
        return step;
    }

    JenkinsRestoreStep restore(String target) {
        JenkinsRestoreStep step = new JenkinsRestoreStep("latest");
        step.setStorage(new NamedLocation("vault"));
        step.setTarget(target);
        return step;
    }

    @Test
    void aJobOffTheAllowListIsRefused() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/other-job\nadmin/**");

        Throwable failure = h.runFailing(backup());

        assertThat(failure).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("jenkinsBackup: job 'ops/jenkins-backup' may not back up or restore JENKINS_HOME");
        assertThat(h.runFailing(restore(tmp.resolve("staging").toString()))).hasMessageStartingWith("jenkinsRestore: job 'ops/jenkins-backup' may not");
    }

    @Test
    void anEmptyAllowListRefusesEveryJob() throws Exception {
        assertThat(h.runFailing(backup())).hasMessageContaining("may not back up or restore JENKINS_HOME");
    }

    @Test
    void anAllowedJobPassesTheGate() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("# ops jobs\nops/*");

        Throwable failure = h.runFailing(backup());

        // Past the gate and the storage resolution: what remains is the engine (see EngineBridge).
        assertThat(failure).hasMessageNotContaining("may not back up").hasMessageContaining("jenkinsBackup");
        assertThat(h.log()).contains("[jenkinsBackup] backing up JENKINS_HOME (auto) to " + tmp.resolve("vault"))
                .contains("master.key not stored");
    }

    @Test
    void aWorkspaceDirectoryIsRefusedBecauseTheWorkRunsOnTheController() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/*");
        JenkinsBackupStep step = new JenkinsBackupStep();
        step.setStorage(new DirectoryLocation("backups"));

        assertThat(h.runFailing(step)).hasMessageContaining("would write to the Jenkins controller's disk");
    }

    @Test
    void badModesAndNamesAreRefused() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/*");
        JenkinsBackupStep mode = backup();
        mode.setMode("incremental");
        JenkinsBackupStep name = backup();
        name.setName("a/b");

        assertThat(h.runFailing(mode)).hasMessage("jenkinsBackup: mode must be 'full', 'diff' or 'auto', not 'incremental'");
        assertThat(h.runFailing(name)).hasMessageContaining("invalid backup name 'a/b'");
    }

    @Test
    void restoringIntoTheLiveHomeIsRefused() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/*");

        assertThat(h.runFailing(restore(h.home.toString()))).hasMessageContaining("refusing to restore into")
                .hasMessageContaining("is the running Jenkins' home");
        assertThat(h.runFailing(restore(h.home.resolve("jobs/x").toString()))).hasMessageContaining("is inside the running Jenkins' home");
        assertThat(h.runFailing(restore(tmp.toString()))).hasMessageContaining("contains the running Jenkins' home");
        assertThat(h.runFailing(restore(h.home.resolve("jobs/../").toString()))).hasMessageContaining("is the running Jenkins' home");
    }

    @Test
    void aSymlinkToTheLiveHomeIsRecognised() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("innocent-looking"), h.home);

        assertThatThrownBy(() -> AdminGate.restoreTarget("jenkinsRestore", link.resolve("restore").toString(), h.home.toFile()))
                .hasMessageContaining("is inside the running Jenkins' home");
    }

    @Test
    void aRestoreTargetMustBeAbsoluteAndElsewhere() throws Exception {
        assertThatThrownBy(() -> AdminGate.restoreTarget("jenkinsRestore", "relative/dir", h.home.toFile()))
                .hasMessageContaining("must be an absolute path");
        assertThat(AdminGate.restoreTarget("jenkinsRestore", tmp.resolve("staging-home").toString(), h.home.toFile()))
                .isEqualTo(tmp.toRealPath().resolve("staging-home"));
    }

    @Test
    void aPreviewPassesTheGuardsAndReachesTheEngine() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/jenkins-backup");

        Throwable failure = h.runFailing(restore(tmp.resolve("staging-home").toString()));

        assertThat(failure).hasMessageNotContaining("refusing").hasMessageNotContaining("may not");
        assertThat(h.log()).contains("previewing the restore of the latest backup");
    }

    @Test
    void s3StorageNeedsNoWorkspace() throws Exception {
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/*");
        JenkinsBackupStep step = new JenkinsBackupStep();
        step.setStorage(new S3Location("jenkins-backups"));

        h.runFailing(step);

        assertThat(h.log()).contains("to s3://jenkins-backups/");
    }
}
