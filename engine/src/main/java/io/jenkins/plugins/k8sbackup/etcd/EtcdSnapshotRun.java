package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.outcome.Outcome;
import io.jenkins.plugins.k8sbackup.outcome.RunResult;

/**
 * An etcd snapshot as the front-ends take it: what was stored and, when asked for, its verification ({@code verify}
 * null otherwise). The outcome is the worse of the two: a snapshot whose requested trial restore could not run is
 * PartiallyFailed, never Completed.
 */
public record EtcdSnapshotRun(EtcdSnapshotResult snapshot, EtcdVerifyResult verify) implements RunResult {

    @Override
    public Outcome outcome() {
        return new Outcome(verify == null ? snapshot.manifest().status().runStatus()
                : snapshot.manifest().status().runStatus().worse(verify.status().runStatus()), summaryLine());
    }

    public String summaryLine() {
        EtcdSnapshotManifest m = snapshot.manifest();
        return "etcd snapshot " + m.name() + ": " + m.snapshotBytes() + " bytes, revision " + m.revision() + ", "
                + m.members().size() + " member(s), sha256 " + m.sha256()
                + (m.keptFiles().isEmpty() ? "" : ", " + m.keptFiles().size() + " kept file(s)")
                + (verify == null ? "" : "; " + verify.summaryLine());
    }
}
