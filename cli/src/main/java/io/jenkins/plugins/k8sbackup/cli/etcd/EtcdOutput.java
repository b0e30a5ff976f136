package io.jenkins.plugins.k8sbackup.cli.etcd;

import io.jenkins.plugins.k8sbackup.etcd.EtcdVerifyResult;
import java.io.PrintWriter;

/** Human-readable lines for a verification, shared by etcd-snapshot --verify and etcd-verify. */
final class EtcdOutput {
    private EtcdOutput() {}

    static void print(PrintWriter out, EtcdVerifyResult v) {
        out.printf("verify %s: %s (%d ms)%n", v.name(), v.status(), v.durationMillis());
        if (v.integrity() != null) {
            out.printf("  integrity: %s%n", v.integrity().describe());
        }
        out.printf("  manifest sha256: %s, stored object sha256: %s%n", v.sha256Matches() ? "ok" : "MISMATCH",
                v.storedSha256Matches() ? "ok" : "MISMATCH");
        out.printf("  trial restore: %s%n", v.trialRestore());
        if (v.revision() != null) {
            out.printf("  etcdctl snapshot status: revision %d, %d bbolt keys, %d bytes, hash %s%n",
                    v.revision(), v.totalKeys(), v.totalSize(), v.snapshotHash());
        }
        if (v.liveKeys() != null) {
            out.printf("  restored etcd serves %d keys at revision %d%n", v.liveKeys(), v.liveRevision());
        }
        v.notes().forEach(n -> out.printf("  note: %s%n", n));
        v.problems().forEach(p -> out.printf("  PROBLEM: %s%n", p));
        out.flush();
    }
}
