package io.jenkins.plugins.k8sbackup.jenkins.home;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.jenkins.agent.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.steps.PartialFailure;
import io.jenkins.plugins.k8sbackup.jenkinshome.BackupMode;
import io.jenkins.plugins.k8sbackup.jenkinshome.FileProblem;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsBackupResult;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestorePlan;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestoreReport;
import io.jenkins.plugins.k8sbackup.jenkinshome.MasterKeyHandling;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JENKINS_HOME results reach the controller with their outcome: the same status and summary as the CLI. */
class JenkinsHomeOutcomeTest {

    @Test
    void jenkinsHomeResultsKeepTheirOutcome() {
        JenkinsBackupResult warned = new JenkinsBackupResult("jh1", BackupMode.FULL, null, BackupStatus.PartiallyFailed, 1, 1, 2, 2,
                0, 0, 0, MasterKeyHandling.ABSENT, null, Instant.EPOCH, Instant.EPOCH, "/s", List.of("unreadable: a"), List.of(),
                List.of());
        JenkinsRestorePlan refused = new JenkinsRestorePlan("jh1", BackupMode.FULL, List.of("jh1"), "/t", List.of(), List.of(),
                List.of(), List.of(), List.of(new FileProblem("../x", "leaves the target")), null, 0, "absent", List.of());
        JenkinsRestoreReport restored = new JenkinsRestoreReport("jh1", BackupMode.FULL, List.of("jh1"), "/t",
                BackupStatus.Completed, 1, 0, 0, 0, 1, 0, null, 0, "absent", List.of(), List.of());

        assertThat(JenkinsHomeEngine.outcome(warned).status()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(JenkinsHomeEngine.outcome(warned).summary()).isEqualTo(warned.summaryLine());
        StepOutcome plan = JenkinsHomeEngine.outcome(refused);
        assertThat(plan.status()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(plan.errors()).containsExactly("../x: leaves the target");
        assertThat(PartialFailure.FAILURE.result(plan.outcome())).as("jenkinsRestore fails on a partial result")
                .isEqualTo(Result.FAILURE);
        assertThat(JenkinsHomeEngine.outcome(restored).status()).isEqualTo(RunStatus.Completed);
    }
}
