package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.etcd.EtcdRestoreResult.MemberRestore;
import io.jenkins.plugins.k8sbackup.etcd.KeptFileAction.Action;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Restores one member of an etcd cluster from a recovery kit (snapshot, member list, kept files), and/or puts the
 * kept PKI and configuration files back. Everything is checked before anything is written: the key, the member
 * name, the tool and its version, the data directory (absent or empty: an existing member's data is never touched),
 * the kept files (hashes, decryption, target paths, conflicts), then the snapshot (stored and plain SHA-256, etcd's
 * embedded hash, the revision). Only then is the snapshot restored with the installed {@code etcdutl} or
 * {@code etcdctl} into a staging directory beside the data directory, which is renamed into place, and the kept
 * files are written.
 */
public final class EtcdRestorer {
    private EtcdRestorer() {}

    public static EtcdRestoreResult restore(BackupStorage storage, EtcdRestoreOptions o) throws IOException {
        long started = System.nanoTime();
        EtcdSnapshotManifest m = new BackupCatalog(storage, BackupKind.ETCD).requireManifest(o.name(), EtcdSnapshotManifest.class);
        EtcdSnapshotVerifier.requireKey(m, Optional.ofNullable(o.encryptionKey()));
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        MemberPlan plan = null;
        Etcdctl tool = null;
        String toolVersion = null;
        if (o.member() != null) {
            RestoreTopology topology = RestoreTopology.of(m, o.initialCluster(), o.initialClusterToken());
            notes.addAll(topology.notes());
            plan = topology.member(o.member(), o.initialAdvertisePeerUrls());
            tool = Etcdctl.find().orElseThrow(() -> new EtcdSnapshotException("neither etcdutl nor etcdctl is installed:"
                    + " install the etcd client tools of etcd " + m.etcdVersion() + " (Debian: etcd-client). Nothing was written"));
            toolVersion = tool.version();
            toolProblem(tool, toolVersion, m.etcdVersion()).ifPresent(problems::add);
            dataDirProblem(o.dataDir()).ifPresent(problems::add);
        }

        List<KeptFileWriter.Planned> filePlan = List.of();
        if (o.pkiTo() != null || o.filesTo() != null) {
            try {
                List<KeptFile> wanted = selectKeptFiles(m, o, problems);
                Map<KeptFile, byte[]> contents = KeptFileStore.fetch(storage, m.name(), wanted, o.encryptionKey());
                filePlan = KeptFileWriter.plan(contents, o.pkiTo(), o.filesTo());
            } catch (EtcdSnapshotException damagedOrWrongKey) {
                problems.add(damagedOrWrongKey.getMessage());
            }
            for (KeptFileAction a : KeptFileWriter.actions(filePlan)) {
                if (a.blocks()) {
                    problems.add(a.action() + " " + a.target() + ": " + a.detail());
                }
            }
        }

        if (!problems.isEmpty() && !o.preview()) {
            throw new EtcdSnapshotException("refusing to restore etcd snapshot '" + m.name() + "', nothing was written: "
                    + String.join("; ", problems));
        }
        if (o.preview()) {
            notes.add("preview: nothing was written, and the snapshot itself was not fetched (etcd-verify checks it)");
            String dir = plan == null ? null : KeptFileReader.normalise(o.dataDir()).toString();
            MemberRestore member = plan == null ? null : new MemberRestore(plan.member(), dir, tool.binary().toString(),
                    toolVersion, plan.shellCommand(tool.program(), "SNAPSHOT", dir), null, plan);
            return new EtcdRestoreResult(m.name(), problems.isEmpty() ? BackupStatus.Completed : BackupStatus.Failed, true,
                    m.etcdVersion(), member, KeptFileWriter.actions(filePlan), problems, notes, millisSince(started));
        }

        MemberRestore member = plan == null ? null
                : restoreMember(storage, m, Optional.ofNullable(o.encryptionKey()), plan, tool, toolVersion,
                KeptFileReader.normalise(o.dataDir()));
        List<KeptFileAction> files = KeptFileWriter.apply(filePlan);
        List<String> failures = files.stream().filter(a -> a.action() == Action.FAILED)
                .map(a -> "writing " + a.target() + " failed: " + a.detail()).toList();
        boolean anyWritten = member != null || files.stream().anyMatch(a -> a.action() == Action.CREATE);
        BackupStatus status = failures.isEmpty() ? BackupStatus.Completed
                : anyWritten ? BackupStatus.PartiallyFailed : BackupStatus.Failed;
        return new EtcdRestoreResult(m.name(), status, false, m.etcdVersion(), member, files, failures, notes,
                millisSince(started));
    }

    private static List<KeptFile> selectKeptFiles(EtcdSnapshotManifest m, EtcdRestoreOptions o, List<String> problems) {
        List<KeptFile> wanted = new ArrayList<>();
        for (String set : List.of(KeptFile.PKI, KeptFile.FILE)) {
            boolean asked = KeptFile.PKI.equals(set) ? o.pkiTo() != null : o.filesTo() != null;
            List<KeptFile> kept = m.keptFiles().stream().filter(f -> set.equals(f.set())).toList();
            if (asked && kept.isEmpty()) {
                problems.add("snapshot '" + m.name() + "' kept no " + (KeptFile.PKI.equals(set) ? "PKI directory (--include-pki)"
                        : "single files (--include-file)") + " to restore");
            }
            if (asked) {
                wanted.addAll(kept);
            }
        }
        return wanted;
    }

    /** Why {@code tool} cannot restore a snapshot taken from etcd {@code etcdVersion}, or empty when it can. */
    static Optional<String> toolProblem(Etcdctl tool, String toolVersion, String etcdVersion) {
        if (tool.program().equals("etcdctl") && !Etcdctl.olderMinor(toolVersion, "3.6")) {
            return Optional.of("etcdctl " + toolVersion + " (" + tool.binary() + ") no longer restores snapshots and no"
                    + " etcdutl was found: install etcdutl");
        }
        if (Etcdctl.olderMinor(toolVersion, etcdVersion)) {
            return Optional.of("the snapshot was taken from etcd " + etcdVersion + " but the installed " + tool.program() + " ("
                    + tool.binary() + ") is " + toolVersion + ": restore with the tools of etcd " + etcdVersion
                    + " or newer, never into an older minor version");
        }
        return Optional.empty();
    }

    /** Why {@code dataDir} may not receive a restore, or empty when it is absent or an empty directory. */
    static Optional<String> dataDirProblem(Path dataDir) throws IOException {
        if (Files.isSymbolicLink(dataDir)) {
            return Optional.of("--data-dir " + dataDir + " is a symbolic link; give the directory itself");
        }
        if (!Files.exists(dataDir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(dataDir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("--data-dir " + dataDir + " exists and is not a directory");
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            List<String> names = entries.limit(4).map(p -> p.getFileName().toString()).sorted().toList();
            if (!names.isEmpty()) {
                return Optional.of("--data-dir " + dataDir + " is not empty (it holds " + String.join(", ", names)
                        + "): a restore goes into a new, empty data directory and never touches an existing member's data;"
                        + " stop that member and move its directory away, or choose another --data-dir");
            }
        }
        return Optional.empty();
    }

    private static MemberRestore restoreMember(BackupStorage storage, EtcdSnapshotManifest m, Optional<EncryptionKey> key,
                                               MemberPlan plan, Etcdctl tool, String toolVersion, Path dataDir)
            throws IOException {
        Path work = Files.createTempDirectory("k8s-backup-etcd-restore-");
        try {
            Path snapshot = work.resolve("snapshot.db");
            EtcdVerifyResult verified = EtcdSnapshotVerifier.fetch(storage, m.name(), key, snapshot, false);
            if (verified.status() != BackupStatus.Completed) {
                throw new EtcdSnapshotException("refusing to restore etcd snapshot '" + m.name() + "': it failed verification,"
                        + " nothing was written: " + String.join("; ", verified.problems()));
            }
            long revision = tool.status(snapshot).revision();
            Optional<String> wrongRevision = revisionProblem(m, revision);
            if (wrongRevision.isPresent()) {
                throw new EtcdSnapshotException("refusing to restore etcd snapshot '" + m.name() + "', nothing was written: "
                        + wrongRevision.get());
            }
            Files.createDirectories(dataDir.getParent());
            Path staging = dataDir.resolveSibling("." + dataDir.getFileName() + ".k8sb-restoring-" + UUID.randomUUID());
            try {
                tool.restore(snapshot, staging, plan);
                Optional<String> raced = dataDirProblem(dataDir);
                if (raced.isPresent()) {
                    throw new EtcdSnapshotException(raced.get() + " (it changed during the restore); nothing was written");
                }
                Files.deleteIfExists(dataDir); // absent or empty, checked just above
                Files.move(staging, dataDir);
            } finally {
                if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                    EtcdSnapshotVerifier.deleteTree(staging);
                }
            }
            return new MemberRestore(plan.member(), dataDir.toString(), tool.binary().toString(), toolVersion,
                    plan.shellCommand(tool.program(), "SNAPSHOT", dataDir.toString()), revision, plan);
        } finally {
            EtcdSnapshotVerifier.deleteTree(work);
        }
    }

    /** The revision {@code snapshot status} read must be the one recorded, or lie between the two recorded bounds. */
    static Optional<String> revisionProblem(EtcdSnapshotManifest m, long revision) {
        if (revision <= 0) {
            return Optional.empty(); // etcdctl reads it off the newest key: a snapshot without keys reports 0
        }
        if (m.snapshotRevision() != null ? revision != m.snapshotRevision()
                : revision < m.revision() || m.revisionAtEnd() != null && revision > m.revisionAtEnd()) {
            return Optional.of("the snapshot is at revision " + revision + ", not the "
                    + (m.snapshotRevision() != null ? "revision " + m.snapshotRevision()
                    : "revisions " + m.revision() + ".." + m.revisionAtEnd()) + " recorded when it was taken");
        }
        return Optional.empty();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
