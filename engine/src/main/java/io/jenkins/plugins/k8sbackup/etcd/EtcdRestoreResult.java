package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.outcome.Outcome;
import io.jenkins.plugins.k8sbackup.outcome.RunResult;
import java.util.List;

/**
 * Outcome of {@link EtcdRestorer#restore}: Completed when everything asked for was restored (a preview: would
 * be), PartiallyFailed when the data directory or some files were written but a later file failed, Failed when
 * nothing was (a preview: would be refused, {@code problems} says why). {@code member} is null when no member was
 * restored; {@code files} lists every kept file selected with what was (or would be) done with it.
 */
public record EtcdRestoreResult(String name, BackupStatus status, boolean preview, String etcdVersion,
                                MemberRestore member, List<KeptFileAction> files, List<String> problems,
                                List<String> notes, long durationMillis) implements RunResult {

    @Override
    public Outcome outcome() {
        return new Outcome(status.runStatus(), summaryLine());
    }

    public String summaryLine() {
        return "etcd restore " + name + (preview ? " (preview, nothing written)" : "") + ": " + status + ", "
                + (member == null ? "no member" : "member " + member.member() + " into " + member.dataDir()) + ", "
                + files.size() + " kept file(s)" + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
    }

    /**
     * The restored member: the tool used ({@code etcdutl} or {@code etcdctl}, with the path and version found),
     * the equivalent command line, and the revision {@code snapshot status} reported (null in a preview).
     */
    public record MemberRestore(String member, String dataDir, String tool, String toolVersion, String command,
                                Long revision, MemberPlan plan) {}
}
