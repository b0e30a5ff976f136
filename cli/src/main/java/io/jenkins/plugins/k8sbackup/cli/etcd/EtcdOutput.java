package io.jenkins.plugins.k8sbackup.cli.etcd;

import io.jenkins.plugins.k8sbackup.etcd.EtcdRestoreResult;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotManifest;
import io.jenkins.plugins.k8sbackup.etcd.EtcdVerifyResult;
import io.jenkins.plugins.k8sbackup.etcd.KeptFile;
import io.jenkins.plugins.k8sbackup.etcd.KeptFileAction;
import java.io.PrintWriter;
import java.util.List;

/** Human-readable lines for the etcd commands: a verification (etcd-snapshot --verify, etcd-verify), kept files, a restore. */
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

    /** One line about the control-plane files kept with a snapshot, if any. */
    static void printKept(PrintWriter out, EtcdSnapshotManifest m) {
        List<KeptFile> kept = m.keptFiles();
        if (kept.isEmpty()) {
            return;
        }
        long pki = kept.stream().filter(f -> KeptFile.PKI.equals(f.set())).count();
        long secrets = kept.stream().filter(f -> f.secret() != null).count();
        out.printf("  kept %d file(s): %d from PKI directory %s, %d single; %d secret(s); %s%n", kept.size(), pki,
                m.pkiDir() == null ? "-" : m.pkiDir(), kept.size() - pki, secrets,
                kept.stream().allMatch(KeptFile::encrypted) ? "all encrypted" : "stored in plain (no secrets among them)");
    }

    static void print(PrintWriter out, EtcdRestoreResult r) {
        out.printf("etcd-restore %s%s: %s (%d ms)%n", r.name(), r.preview() ? " (preview, nothing written)" : "", r.status(),
                r.durationMillis());
        EtcdRestoreResult.MemberRestore m = r.member();
        if (m != null) {
            out.printf("  member %s %s %s with %s %s%s%n", m.member(), r.preview() ? "would be restored into" : "restored into",
                    m.dataDir(), m.tool(), m.toolVersion(), m.revision() == null ? "" : " (revision " + m.revision() + ")");
            out.printf("  equivalent command: %s%n", m.command());
        }
        for (KeptFileAction a : r.files()) {
            out.printf("  %-9s %s (%s%s)%s%n", a.action(), a.target(), a.mode(), a.secret() == null ? "" : ", secret",
                    a.detail() == null ? "" : ": " + a.detail());
        }
        r.notes().forEach(n -> out.printf("  note: %s%n", n));
        r.problems().forEach(p -> out.printf("  PROBLEM: %s%n", p));
        out.flush();
    }
}
