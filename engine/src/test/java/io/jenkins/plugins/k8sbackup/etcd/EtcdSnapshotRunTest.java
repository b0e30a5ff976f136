package io.jenkins.plugins.k8sbackup.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A snapshot's outcome is the worse of storing and verifying it: a verification that could not run is never Completed. */
class EtcdSnapshotRunTest {
    static final EtcdSnapshotResult STORED = new EtcdSnapshotResult(RestoreTopologyTest.manifest(List.of()), "/s/", "snapshot.db",
            "manifest.json", 5);

    static EtcdVerifyResult verified(BackupStatus status, EtcdVerifyResult.TrialRestore trial, List<String> problems) {
        return new EtcdVerifyResult("nightly", status, problems, List.of(), null, true, true, trial, 100L, 42L, 100L, "h",
                null, null, 3);
    }

    @Test
    void withoutVerificationTheSnapshotsOwnStatusCounts() {
        EtcdSnapshotRun run = new EtcdSnapshotRun(STORED, null);

        assertThat(run.outcome().status()).isEqualTo(RunStatus.Completed);
        assertThat(run.outcome().summary()).startsWith("etcd snapshot nightly: ").doesNotContain("verify");
    }

    @Test
    void aSkippedTrialRestoreMakesTheSnapshotPartiallyFailedAndAFailedVerificationFailsIt() {
        EtcdSnapshotRun skipped = new EtcdSnapshotRun(STORED,
                verified(BackupStatus.PartiallyFailed, EtcdVerifyResult.TrialRestore.SKIPPED, List.of()));
        EtcdSnapshotRun failed = new EtcdSnapshotRun(STORED,
                verified(BackupStatus.Failed, EtcdVerifyResult.TrialRestore.FAILED, List.of("sha256 mismatch")));
        EtcdSnapshotRun passed = new EtcdSnapshotRun(STORED,
                verified(BackupStatus.Completed, EtcdVerifyResult.TrialRestore.PASSED, List.of()));

        assertThat(skipped.outcome().exitCode()).isEqualTo(3);
        assertThat(failed.outcome().exitCode()).isEqualTo(1);
        assertThat(failed.outcome().summary()).contains("etcd verify nightly: Failed").contains("sha256 mismatch");
        assertThat(passed.outcome().exitCode()).isZero();
        assertThat(passed.outcome().summary()).contains("trial restore PASSED, 42 keys");
    }
}
