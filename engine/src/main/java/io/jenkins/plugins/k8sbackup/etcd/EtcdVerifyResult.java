package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.outcome.Outcome;
import io.jenkins.plugins.k8sbackup.outcome.RunResult;
import java.util.List;

/**
 * Outcome of {@link EtcdSnapshotVerifier#verify}. {@code status} is Completed when every check that ran
 * passed, PartiallyFailed when a trial restore was asked for but could not run (no etcdctl), Failed otherwise;
 * {@code problems} says why. {@code revision}, {@code totalKeys} (bbolt keys, as etcdctl counts them),
 * {@code totalSize} and {@code snapshotHash} come from {@code etcdctl snapshot status}; {@code liveKeys} and
 * {@code liveRevision} from an etcd started on the restored data directory. Each is null when not measured.
 */
public record EtcdVerifyResult(String name, BackupStatus status, List<String> problems, List<String> notes,
                               SnapshotIntegrity integrity, boolean sha256Matches, boolean storedSha256Matches,
                               TrialRestore trialRestore, Long revision, Long totalKeys, Long totalSize,
                               String snapshotHash, Long liveKeys, Long liveRevision, long durationMillis)
        implements RunResult {

    @Override
    public Outcome outcome() {
        return new Outcome(status.runStatus(), summaryLine());
    }

    public String summaryLine() {
        return "etcd verify " + name + ": " + status + " (trial restore " + trialRestore
                + (totalKeys == null ? "" : ", " + totalKeys + " keys") + ")"
                + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
    }

    public enum TrialRestore { NOT_REQUESTED, PASSED, FAILED, SKIPPED }
}
