package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.outcome.Outcome;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine outcome -> build result, in one place: Completed SUCCESS, Failed fails the step, PartiallyFailed UNSTABLE
 * or FAILURE as configured (a user can never make it SUCCESS); verifyRestore's and k8sDiff's findings only when asked.
 */
class ResultMappingTest {
    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "job", 1);
    }

    static Outcome outcome(RunStatus status, String summary) {
        return new Outcome(status, summary);
    }

    @Test
    void everyOutcomeMapsToItsBuildResult() throws Exception {
        assertThat(PartialFailure.UNSTABLE.result(outcome(RunStatus.Completed, ""))).isEqualTo(Result.SUCCESS);
        assertThat(PartialFailure.UNSTABLE.result(outcome(RunStatus.PartiallyFailed, ""))).isEqualTo(Result.UNSTABLE);
        assertThat(PartialFailure.FAILURE.result(outcome(RunStatus.PartiallyFailed, ""))).isEqualTo(Result.FAILURE);
        assertThat(PartialFailure.REPORT.result(outcome(RunStatus.PartiallyFailed, ""))).isEqualTo(Result.SUCCESS);
        for (PartialFailure p : PartialFailure.values()) {
            assertThat(p.result(outcome(RunStatus.Failed, ""))).as(p.name()).isEqualTo(Result.FAILURE);
            assertThat(p.result(outcome(RunStatus.Completed, ""))).as(p.name()).isEqualTo(Result.SUCCESS);
        }
    }

    @Test
    void noOptionAUserCanGiveTurnsAPartialOrFailedRunIntoSuccess() throws Exception {
        for (String option : new String[] {null, "", "unstable", "UNSTABLE", "failure", "FAILURE"}) {
            PartialFailure p = PartialFailure.parse(option);
            for (RunStatus s : List.of(RunStatus.PartiallyFailed, RunStatus.Failed)) {
                assertThat(p.result(outcome(s, ""))).as(option + " / " + s).isNotEqualTo(Result.SUCCESS);
            }
        }
        assertThatThrownBy(() -> PartialFailure.parse("report")).as("REPORT is internal, never a user's choice")
                .hasMessageContaining("'UNSTABLE' or 'FAILURE'");
    }

    @Test
    void completedLeavesTheBuildAlone() throws Exception {
        PartialFailure.UNSTABLE.apply(outcome(RunStatus.Completed, "ok"), h.run, "k8sBackup");
        PartialFailure.FAILURE.apply(outcome(RunStatus.Completed, "ok"), h.run, "k8sBackup");

        assertThat(h.result()).isNull();
    }

    @Test
    void failedAndIncompleteFailTheStep() {
        assertThatThrownBy(() -> PartialFailure.UNSTABLE.apply(outcome(RunStatus.Failed, "3 errors"), h.run, "k8sBackup"))
                .isInstanceOf(AbortException.class).hasMessage("k8sBackup failed: 3 errors");
        assertThatThrownBy(() -> PartialFailure.UNSTABLE.apply(outcome(BackupStatus.Incomplete.runStatus(), "x"), h.run, "k8sBackup"))
                .isInstanceOf(AbortException.class);
        assertThatThrownBy(() -> PartialFailure.REPORT.apply(outcome(RunStatus.Failed, "x"), h.run, "verifyRestore"))
                .isInstanceOf(AbortException.class).hasMessage("verifyRestore failed: x");
    }

    @Test
    void partiallyFailedIsUnstableByDefault() throws Exception {
        PartialFailure.parse(null).apply(outcome(RunStatus.PartiallyFailed, "1 error"), h.run, "k8sBackup");

        assertThat(h.result()).isEqualTo(Result.UNSTABLE);
    }

    @Test
    void partiallyFailedFailsTheStepWhenConfigured() throws Exception {
        PartialFailure failure = PartialFailure.parse("failure");

        assertThatThrownBy(() -> failure.apply(outcome(RunStatus.PartiallyFailed, "1 error"), h.run, "k8sBackup"))
                .isInstanceOf(AbortException.class).hasMessage("k8sBackup partially failed: 1 error");
        assertThatThrownBy(() -> PartialFailure.parse("ignore")).hasMessageContaining("'UNSTABLE' or 'FAILURE'");
    }

    @Test
    void aStepRejectsAnUnknownPartialFailureBeforeDoingAnything() throws Exception {
        K8sBackupStep step = new K8sBackupStep();
        step.setPartialFailure("sometimes");

        assertThat(h.runFailing(step)).hasMessageContaining("partialFailure must be 'UNSTABLE' or 'FAILURE'");
    }

    @Test
    void verifyFailsTheBuildOnFailAndMarksUnstableOnWarningsOnlyWhenAsked() throws Exception {
        VerifyRestoreStep plain = new VerifyRestoreStep("latest");
        VerifyRestoreStep strict = new VerifyRestoreStep("latest");
        strict.setUnstableOnWarnings(true);

        plain.onWarnings().apply(outcome(RunStatus.PartiallyFailed, "s"), h.run, VerifyRestoreStep.FUNCTION);
        assertThat(h.result()).isNull();
        strict.onWarnings().apply(outcome(RunStatus.Completed, "s"), h.run, VerifyRestoreStep.FUNCTION);
        assertThat(h.result()).isNull();
        strict.onWarnings().apply(outcome(RunStatus.PartiallyFailed, "s"), h.run, VerifyRestoreStep.FUNCTION);
        assertThat(h.result()).isEqualTo(Result.UNSTABLE);
        assertThatThrownBy(() -> plain.onWarnings().apply(outcome(RunStatus.Failed, "2 objects differ"), h.run, VerifyRestoreStep.FUNCTION))
                .isInstanceOf(AbortException.class).hasMessage("verifyRestore failed: 2 objects differ");
    }
}
