package io.jenkins.plugins.k8sbackup.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.crypto.DecryptingInputStream;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.etcd.EtcdVerifyResult.TrialRestore;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks a stored etcd snapshot: the stored and plain SHA-256 against the manifest, and etcd's own embedded
 * hash (the check {@code etcdctl snapshot restore} makes). A trial restore then runs the real
 * {@code etcdctl snapshot restore} into a temporary directory and, when an etcd binary is present, boots it
 * on loopback to count the keys it serves.
 */
public final class EtcdSnapshotVerifier {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(30);

    private EtcdSnapshotVerifier() {}

    public static EtcdVerifyResult verify(BackupStorage storage, String name, Optional<EncryptionKey> key,
                                          boolean trialRestore) throws IOException {
        return check(storage, name, key, Optional.empty(), trialRestore);
    }

    /**
     * Verifies like {@link #verify} and, only when every check passed, leaves the plain (decrypted) snapshot at
     * {@code target}, ready for {@code etcdctl snapshot restore}. A failed check leaves {@code target} untouched.
     */
    public static EtcdVerifyResult fetch(BackupStorage storage, String name, Optional<EncryptionKey> key, Path target,
                                         boolean trialRestore) throws IOException {
        if (Files.exists(target)) {
            throw new EtcdSnapshotException(target + " already exists; refusing to overwrite it");
        }
        return check(storage, name, key, Optional.of(target), trialRestore);
    }

    private static EtcdVerifyResult check(BackupStorage storage, String name, Optional<EncryptionKey> key,
                                          Optional<Path> keep, boolean trialRestore) throws IOException {
        long started = System.nanoTime();
        EtcdSnapshotManifest m = new BackupCatalog(storage, BackupKind.ETCD).requireManifest(name, EtcdSnapshotManifest.class);
        String file = m.snapshotFile();
        if (!EtcdSnapshotManifest.PLAIN_FILE.equals(file) && !EtcdSnapshotManifest.ENCRYPTED_FILE.equals(file)) {
            throw new EtcdSnapshotException("manifest of '" + name + "' names an unexpected snapshot file '" + file + "'");
        }
        requireKey(m, key);
        String snapshotKey = BackupKind.ETCD.keyOf(name, file);
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Path temp = Files.createTempDirectory("k8s-backup-etcd-verify-");
        try {
            Path snapshotFile = temp.resolve("snapshot.db");
            SnapshotIntegrity integrity = null;
            boolean sha256Matches = false;
            boolean storedMatches = false;
            DigestInputStream storedIn = new DigestInputStream(storage.open(snapshotKey), Sha256.newDigest());
            try (InputStream plainIn = m.encrypted() ? new DecryptingInputStream(storedIn, key.get(), snapshotKey) : storedIn;
                 OutputStream sink = trialRestore || keep.isPresent() ? Files.newOutputStream(snapshotFile) : OutputStream.nullOutputStream()) {
                SnapshotIntegrity.Check check = new SnapshotIntegrity.Check(sink);
                Sha256.DigestingOutputStream plain = new Sha256.DigestingOutputStream(check);
                plainIn.transferTo(plain);
                plain.flush();
                integrity = check.result();
                sha256Matches = plain.hex().equals(m.sha256());
                storedMatches = HexFormat.of().formatHex(storedIn.getMessageDigest().digest()).equals(m.storedSha256());
                if (!storedMatches) {
                    problems.add("stored object " + snapshotKey + " does not match the SHA-256 in the manifest");
                }
                if (!sha256Matches) {
                    problems.add("snapshot content does not match the SHA-256 in the manifest");
                }
                if (!integrity.ok()) {
                    problems.add("etcd integrity check: " + integrity.describe());
                }
            } catch (IOException e) {
                problems.add("reading " + snapshotKey + " failed: " + e.getMessage());
            }

            TrialOutcome trial = new TrialOutcome();
            if (!trialRestore) {
                trial.state = TrialRestore.NOT_REQUESTED;
            } else if (!problems.isEmpty()) {
                trial.state = TrialRestore.SKIPPED;
                notes.add("trial restore skipped: the snapshot already failed its hash checks");
            } else {
                trialRestore(snapshotFile, temp, m, trial, problems, notes);
            }
            if (keep.isPresent() && problems.isEmpty()) {
                Files.move(snapshotFile, keep.get());
                notes.add("plain snapshot written to " + keep.get());
            }
            BackupStatus status = !problems.isEmpty() ? BackupStatus.Failed
                    : trialRestore && trial.state == TrialRestore.SKIPPED ? BackupStatus.PartiallyFailed
                    : BackupStatus.Completed;
            return new EtcdVerifyResult(name, status, problems, notes, integrity, sha256Matches, storedMatches,
                    trial.state, trial.revision, trial.totalKeys, trial.totalSize, trial.hash, trial.liveKeys,
                    trial.liveRevision, (System.nanoTime() - started) / 1_000_000);
        } finally {
            deleteTree(temp);
        }
    }

    /** Refuses a missing or wrong key for an encrypted snapshot before anything is read. */
    static void requireKey(EtcdSnapshotManifest m, Optional<EncryptionKey> key) throws EtcdSnapshotException {
        if (m.encrypted()) {
            if (key.isEmpty()) {
                throw new EtcdSnapshotException("etcd snapshot '" + m.name() + "' is encrypted (key fingerprint "
                        + m.keyFingerprint() + "); give its encryption key");
            }
            if (!key.get().fingerprint().equals(m.keyFingerprint())) {
                throw new EtcdSnapshotException("wrong encryption key for etcd snapshot '" + m.name() + "': it needs key "
                        + m.keyFingerprint() + ", given " + key.get().fingerprint());
            }
        }
    }

    private static final class TrialOutcome {
        TrialRestore state;
        Long revision;
        Long totalKeys;
        Long totalSize;
        String hash;
        Long liveKeys;
        Long liveRevision;
    }

    private static void trialRestore(Path snapshotFile, Path temp, EtcdSnapshotManifest m, TrialOutcome out,
                                     List<String> problems, List<String> notes) {
        Optional<Etcdctl> tool = Etcdctl.find();
        if (tool.isEmpty()) {
            out.state = TrialRestore.SKIPPED;
            notes.add("neither etcdutl nor etcdctl found: only the hash checks ran (install etcd-client for a trial restore)");
            return;
        }
        Etcdctl etcdctl = tool.get();
        Path dataDir = temp.resolve("restored");
        LocalEtcd.Ports ports = LocalEtcd.Ports.free();
        try {
            Etcdctl.Status s = etcdctl.status(snapshotFile);
            out.revision = s.revision();
            out.totalKeys = s.totalKey();
            out.totalSize = s.totalSize();
            out.hash = Long.toHexString(s.hash());
            // etcdctl reads the revision off the newest stored key, so a store without keys reports 0.
            if (s.revision() > 0 && s.revision() < m.revision()) {
                problems.add("snapshot revision " + s.revision() + " is older than revision " + m.revision()
                        + " recorded when it was taken");
            }
            etcdctl.restore(snapshotFile, dataDir, "verify", ports.peerUrl());
        } catch (IOException e) {
            out.state = TrialRestore.FAILED;
            problems.add("trial restore failed: " + e.getMessage());
            return;
        }
        out.state = TrialRestore.PASSED;
        Optional<Path> etcd = LocalEtcd.findProgram("etcd");
        if (etcd.isEmpty()) {
            notes.add("etcd not found: the restored data directory was not booted; key count is etcdctl's bbolt count");
            return;
        }
        try (LocalEtcd server = LocalEtcd.start(etcd.get(), dataDir, "verify", ports, "http", List.of(), BOOT_TIMEOUT);
             Client client = Client.builder().endpoints(server.clientUrl()).build()) {
            ByteSequence all = ByteSequence.from(new byte[] {0});
            GetResponse count = client.getKVClient().get(all, GetOption.builder().withRange(all).withCountOnly(true).build())
                    .get(BOOT_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            out.liveKeys = count.getCount();
            out.liveRevision = count.getHeader().getRevision();
            if (out.liveRevision < m.revision()) {
                out.state = TrialRestore.FAILED;
                problems.add("the restored etcd is at revision " + out.liveRevision + ", older than revision "
                        + m.revision() + " recorded when the snapshot was taken");
            }
        } catch (Exception e) {
            out.state = TrialRestore.FAILED;
            problems.add("the restored data directory did not serve: " + e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a stray temp directory is harmless
        }
    }
}
