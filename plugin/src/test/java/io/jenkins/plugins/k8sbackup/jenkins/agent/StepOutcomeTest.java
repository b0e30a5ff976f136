package io.jenkins.plugins.k8sbackup.jenkins.agent;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.jenkins.steps.PartialFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Engine results reach the controller with their outcome unchanged: the same status, exit code and summary as the CLI. */
class StepOutcomeTest {

    @Test
    void aBackupWithAnErrorIsUnstableNeverSuccess() {
        BackupResult partial = new BackupResult("b1", BackupStatus.PartiallyFailed, "/s", 1, 1, Map.of("configmaps", 1L),
                List.of(), List.of(new BackupManifest.ItemError("secrets", "shop", "x", "forbidden")), 0, List.of(), List.of());

        StepOutcome out = StepOutcome.of(partial);

        assertThat(out.outcome()).isEqualTo(partial.outcome());
        assertThat(out.outcome().exitCode()).isEqualTo(3);
        assertThat(PartialFailure.UNSTABLE.result(out.outcome())).isEqualTo(Result.UNSTABLE);
        assertThat(out.errors()).singleElement().asString().contains("forbidden");
    }
}
