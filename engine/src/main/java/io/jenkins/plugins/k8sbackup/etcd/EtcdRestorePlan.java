package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import java.io.IOException;
import java.util.List;

/**
 * For the runbook case where the tool cannot run on the etcd nodes: every member's exact restore command, built
 * from the manifest alone (nothing is fetched or written). {@code program} is what the snapshot's etcd version
 * restores with: {@code etcdutl} from 3.5 on, {@code etcdctl} before. {@code snapshotFile} is where the commands
 * expect the verified, plain snapshot; {@code sha256} what it must hash to. {@code pkiDir} and {@code files} are the
 * kept files and the PKI directory they came from.
 */
public record EtcdRestorePlan(String name, String etcdVersion, Long snapshotRevision, long revision, String sha256,
                              boolean encrypted, String program, String snapshotFile, String dataDir,
                              List<MemberCommand> members, String pkiDir, List<KeptFile> files, List<String> notes) {
    /** Where the plan puts the restored data when no data directory is given. */
    public static final String DEFAULT_DATA_DIR = "/var/lib/etcd-restored";

    /** One member's command line, quoted for a POSIX shell, and the flags it is made of. */
    public record MemberCommand(String member, String command, MemberPlan plan) {}

    public static EtcdRestorePlan of(BackupStorage storage, String name, String initialCluster, String token, String dataDir)
            throws IOException {
        EtcdSnapshotManifest m = new BackupCatalog(storage, BackupKind.ETCD).requireManifest(name, EtcdSnapshotManifest.class);
        RestoreTopology topology = RestoreTopology.of(m, initialCluster, token);
        String program = Etcdctl.olderMinor(m.etcdVersion(), "3.5") ? "etcdctl" : "etcdutl";
        String snapshotFile = name + ".db";
        String dir = dataDir != null ? dataDir : DEFAULT_DATA_DIR;
        List<MemberCommand> members = topology.members().stream()
                .map(p -> new MemberCommand(p.member(), p.shellCommand(program, snapshotFile, dir), p)).toList();
        return new EtcdRestorePlan(name, m.etcdVersion(), m.snapshotRevision(), m.revision(), m.sha256(), m.encrypted(),
                program, snapshotFile, dir, members, m.pkiDir(), m.keptFiles(), topology.notes());
    }
}
