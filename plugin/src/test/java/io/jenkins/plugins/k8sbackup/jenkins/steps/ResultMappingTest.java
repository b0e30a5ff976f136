package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.model.Result;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.jenkins.engine.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.steps.VerifyRestoreStep.Verdict;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine status -> build result: Failed fails, PartiallyFailed is UNSTABLE or FAILURE as configured; verify verdicts. */
class ResultMappingTest {
    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "job", 1);
    }

    @Test
    void completedLeavesTheBuildAlone() throws Exception {
        PartialFailure.UNSTABLE.apply(BackupStatus.Completed, h.run, "k8sBackup", "ok");
        PartialFailure.FAILURE.apply("Completed", h.run, "k8sBackup", "ok");

        assertThat(h.result()).isNull();
    }

    @Test
    void failedAndIncompleteFailTheStep() {
        assertThatThrownBy(() -> PartialFailure.UNSTABLE.apply(BackupStatus.Failed, h.run, "k8sBackup", "3 errors"))
                .isInstanceOf(AbortException.class).hasMessage("k8sBackup failed: 3 errors");
        assertThatThrownBy(() -> PartialFailure.UNSTABLE.apply(BackupStatus.Incomplete, h.run, "k8sBackup", "x"))
                .isInstanceOf(AbortException.class);
        assertThatThrownBy(() -> PartialFailure.UNSTABLE.apply("SomethingNew", h.run, "k8sRestore", "x"))
                .as("an unknown status is not taken for success").isInstanceOf(AbortException.class);
    }

    @Test
    void partiallyFailedIsUnstableByDefault() throws Exception {
        PartialFailure.parse(null).apply(BackupStatus.PartiallyFailed, h.run, "k8sBackup", "1 error");

        assertThat(h.result()).isEqualTo(Result.UNSTABLE);
    }

    @Test
    void partiallyFailedFailsTheStepWhenConfigured() throws Exception {
        PartialFailure failure = PartialFailure.parse("failure");

        assertThatThrownBy(() -> failure.apply(BackupStatus.PartiallyFailed, h.run, "k8sBackup", "1 error"))
                .isInstanceOf(AbortException.class).hasMessage("k8sBackup partially failed: 1 error");
        assertThatThrownBy(() -> PartialFailure.parse("ignore")).hasMessageContaining("'UNSTABLE' or 'FAILURE'");
    }

    @Test
    void aStepRejectsAnUnknownPartialFailureBeforeDoingAnything() throws Exception {
        K8sBackupStep step = new K8sBackupStep();
        step.setPartialFailure("sometimes");

        assertThat(h.runFailing(step)).hasMessageContaining("partialFailure must be 'UNSTABLE' or 'FAILURE'");
    }

    static StepOutcome outcome(String status, List<String> warnings, List<String> errors) {
        return new StepOutcome(status, "summary", Map.of(), warnings, errors, Map.of());
    }

    @Test
    void verifyVerdicts() {
        assertThat(VerifyRestoreStep.verdict(outcome("Completed", List.of(), List.of()))).isEqualTo(Verdict.PASS);
        assertThat(VerifyRestoreStep.verdict(outcome("Completed", List.of("1 replica missing"), List.of()))).isEqualTo(Verdict.WARN);
        assertThat(VerifyRestoreStep.verdict(outcome("PartiallyFailed", List.of(), List.of()))).isEqualTo(Verdict.WARN);
        assertThat(VerifyRestoreStep.verdict(outcome("Completed", List.of(), List.of("configmap shop/x differs")))).isEqualTo(Verdict.FAIL);
        assertThat(VerifyRestoreStep.verdict(outcome("Failed", List.of(), List.of()))).isEqualTo(Verdict.FAIL);
    }

    @Test
    void verifyFailsTheBuildOnFailAndMarksUnstableOnWarningsOnlyWhenAsked() throws Exception {
        VerifyRestoreStep plain = new VerifyRestoreStep("latest");
        VerifyRestoreStep strict = new VerifyRestoreStep("latest");
        strict.setUnstableOnWarnings(true);

        plain.apply(Verdict.WARN, h.run, "s");
        assertThat(h.result()).isNull();
        strict.apply(Verdict.PASS, h.run, "s");
        assertThat(h.result()).isNull();
        strict.apply(Verdict.WARN, h.run, "s");
        assertThat(h.result()).isEqualTo(Result.UNSTABLE);
        assertThatThrownBy(() -> plain.apply(Verdict.FAIL, h.run, "2 objects differ"))
                .isInstanceOf(AbortException.class).hasMessage("verifyRestore failed: 2 objects differ");
    }
}
