package io.jenkins.plugins.k8sbackup.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.diff.DiffReport;
import io.jenkins.plugins.k8sbackup.jenkinshome.BackupMode;
import io.jenkins.plugins.k8sbackup.jenkinshome.FileProblem;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestorePlan;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestoreReport;
import io.jenkins.plugins.k8sbackup.restore.RestoreReport;
import io.jenkins.plugins.k8sbackup.transform.TransformSummary;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.verify.VerifyReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every result kind states its outcome in the one vocabulary: the exit code the CLI returns (0 Completed, 3
 * PartiallyFailed, 1 Failed) and a summary line; a run that skipped, refused or lost something is never Completed.
 */
class OutcomeOfEveryResultTest {

    @Test
    void eachStatusCarriesItsExitCodeAndVerificationWords() {
        assertThat(RunStatus.Completed.exitCode()).isZero();
        assertThat(RunStatus.PartiallyFailed.exitCode()).isEqualTo(3);
        assertThat(RunStatus.Failed.exitCode()).isEqualTo(1);
        assertThat(List.of(RunStatus.values())).extracting(RunStatus::verifyLabel)
                .containsExactly("pass", "passed-with-warnings", "fail");
        assertThat(List.of(RunStatus.values())).extracting(RunStatus::verdict).containsExactly("PASS", "WARN", "FAIL");
    }

    @Test
    void theWorseOfTwoIsChosenByBadnessNotByDeclarationOrder() {
        for (RunStatus a : RunStatus.values()) {
            assertThat(a.worse(RunStatus.Failed)).isEqualTo(RunStatus.Failed);
            assertThat(RunStatus.Failed.worse(a)).isEqualTo(RunStatus.Failed);
            assertThat(a.worse(RunStatus.Completed)).isEqualTo(a);
            assertThat(a.worse(null)).isEqualTo(a);
        }
        assertThat(RunStatus.Completed.worse(RunStatus.PartiallyFailed)).isEqualTo(RunStatus.PartiallyFailed);
    }

    @Test
    void storedStatusesMapOntoRunStatusesAndNoListingStateCountsAsSuccess() {
        assertThat(BackupStatus.Completed.runStatus()).isEqualTo(RunStatus.Completed);
        assertThat(BackupStatus.PartiallyFailed.runStatus()).isEqualTo(RunStatus.PartiallyFailed);
        for (BackupStatus s : List.of(BackupStatus.Failed, BackupStatus.Incomplete, BackupStatus.InProgress)) {
            assertThat(s.runStatus()).as(s.name()).isEqualTo(RunStatus.Failed);
            assertThat(s.exitCode()).as(s.name()).isEqualTo(1);
        }
        for (BackupStatus s : BackupStatus.values()) {
            if (s.runStatus() != RunStatus.Completed) {
                assertThat(s.exitCode()).isNotZero();
            }
        }
    }

    @Test
    void aBackupWithErrorsIsNeverCompleted() {
        BackupResult partial = backup(BackupStatus.PartiallyFailed,
                List.of(new BackupManifest.ItemError("configmaps", "shop", "x", "forbidden")));

        assertThat(partial.outcome().status()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(partial.outcome().exitCode()).isEqualTo(3);
        assertThat(partial.outcome().completed()).isFalse();
        assertThat(partial.outcome().summary()).isEqualTo(partial.summaryLine()).contains("1 errors");
        assertThat(backup(BackupStatus.Completed, List.of()).outcome().exitCode()).isZero();
    }

    @Test
    void aRestoreCarriesItsStatusAndSummary() {
        RestoreReport failed = restore(RunStatus.Failed, 1);
        RestoreReport partial = restore(RunStatus.PartiallyFailed, 1);

        assertThat(failed.outcome().exitCode()).isEqualTo(1);
        assertThat(partial.outcome().exitCode()).isEqualTo(3);
        assertThat(partial.outcome().summary()).isEqualTo(partial.summaryLine()).contains("PartiallyFailed");
        assertThat(restore(RunStatus.Completed, 0).outcome().completed()).isTrue();
    }

    @Test
    void aVerificationStoresItsVerdictWordAndReturnsItsExitCode() throws Exception {
        VerifyReport warned = verify(RunStatus.PartiallyFailed);

        assertThat(warned.outcome().exitCode()).isEqualTo(3);
        assertThat(warned.outcome().status().verdict()).isEqualTo("WARN");
        assertThat(Json.PRETTY.writeValueAsString(warned)).as("the report file keeps its words")
                .contains("\"result\" : \"passed-with-warnings\"").doesNotContain("PartiallyFailed");
        assertThat(warned.toMap()).containsEntry("result", "passed-with-warnings").containsEntry("exitCode", 3);
        assertThat(Json.PRETTY.writeValueAsString(verify(RunStatus.Completed))).contains("\"result\" : \"pass\"");
        assertThat(Json.PRETTY.writeValueAsString(verify(RunStatus.Failed))).contains("\"result\" : \"fail\"");
        assertThat(Json.MAPPER.readTree(Json.PRETTY.writeValueAsString(warned)).fieldNames()).toIterable()
                .as("no derived property leaks into the file").containsExactly("backupName", "result", "namespaceMapping",
                        "objects", "readiness", "checks", "warnings", "errors");
    }

    @Test
    void aDiffIsCompletedOnlyWhenIdentical() {
        DiffReport identical = diff(3, List.of(), List.of());
        DiffReport drift = diff(3, List.of(new DiffReport.ObjectRef("configmaps", "shop", "x")), List.of());
        DiffReport nothing = diff(0, List.of(), List.of());
        DiffReport broken = diff(3, List.of(), List.of("unreadable"));

        assertThat(identical.outcome().exitCode()).isZero();
        assertThat(drift.outcome().status()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(drift.outcome().exitCode()).isEqualTo(3);
        assertThat(nothing.outcome().exitCode()).as("nothing compared is never identical").isEqualTo(1);
        assertThat(broken.outcome().exitCode()).isEqualTo(1);
        assertThat(drift.exitCode()).isEqualTo(drift.outcome().exitCode());
    }

    @Test
    void aJenkinsHomePreviewWithRefusedPathsIsPartiallyFailed() {
        JenkinsRestorePlan clean = plan(List.of());
        JenkinsRestorePlan refused = plan(List.of(new FileProblem("../evil", "leaves the target")));

        assertThat(clean.outcome().exitCode()).isZero();
        assertThat(refused.outcome().status()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(refused.outcome().summary()).startsWith("JENKINS_HOME restore preview of jh1 into /t").contains("1 refused");
    }

    @Test
    void aJenkinsHomeRestoreWithErrorsIsNotCompleted() {
        JenkinsRestoreReport r = new JenkinsRestoreReport("jh1", BackupMode.FULL, List.of("jh1"), "/t", BackupStatus.PartiallyFailed,
                1, 0, 0, 0, 10, 0, null, 0, "absent", List.of(new FileProblem("a", "sha256 mismatch")), List.of());

        assertThat(r.outcome().exitCode()).isEqualTo(3);
        assertThat(r.outcome().summary()).startsWith("JENKINS_HOME restore of jh1 into /t: PartiallyFailed").contains("1 errors");
        assertThat(r.toMap()).as("the pipeline's map has no derived entries").doesNotContainKeys("outcome", "summaryLine");
    }

    static BackupResult backup(BackupStatus status, List<BackupManifest.ItemError> errors) {
        return new BackupResult("b1", status, "/s", 2, 10, Map.of("configmaps", 2L), List.of(), errors, 0, List.of(), List.of());
    }

    static RestoreReport restore(RunStatus status, long failed) {
        return new RestoreReport("b1", status, false, null, null, Map.of(), "skip", Instant.EPOCH, Instant.EPOCH,
                new RestoreReport.Counts(1, 0, 0, 0, failed), List.of(), List.of(), failed == 0 ? List.of() : List.of("x failed"),
                TransformSummary.NONE);
    }

    static VerifyReport verify(RunStatus result) {
        return new VerifyReport("b1", result, Map.of(), List.of(new VerifyReport.Verdict("configmaps", "shop", "x", "match",
                VerifyReport.Outcome.ok, null)), List.of(), List.of(), List.of(), List.of());
    }

    static DiffReport diff(long compared, List<DiffReport.ObjectRef> missing, List<String> errors) {
        return new DiffReport("b1", Map.of(), compared, compared - missing.size(), missing, List.of(), List.of(), List.of(),
                List.of(), errors);
    }

    static JenkinsRestorePlan plan(List<FileProblem> refused) {
        return new JenkinsRestorePlan("jh1", BackupMode.FULL, List.of("jh1"), "/t", List.of("a"), List.of(), List.of(),
                List.of(), refused, null, 0, "absent", List.of());
    }
}
