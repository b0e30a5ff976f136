package io.jenkins.plugins.k8sbackup.jenkinshome;

import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.crypto.AesGcm;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.catalog.BackupLease;
import io.jenkins.plugins.k8sbackup.catalog.BackupLocks;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.Remedy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Restores a JENKINS_HOME backup (a full, or a diff on top of its full) into a directory. The index is checked
 * against the manifest and every path before anything is written; every file is then staged and checked (exact
 * size, sha256) and all are moved into place only when all passed, so a damaged backup changes nothing.
 */
public final class JenkinsHomeRestore {

    private JenkinsHomeRestore() {}

    /** What {@link #restore} would do; writes nothing, not even the target directory. */
    public static JenkinsRestorePlan preview(JenkinsRestoreOptions options, BackupStorage storage,
                                             ProgressListener listener) throws IOException {
        return plan(options, storage, listener == null ? ProgressListener.NONE : listener).toPublic();
    }

    /**
     * Restores under read leases on the backup and, for a diff, its full (no delete or retention removes them
     * meanwhile), in two steps: every file is first written to a staging directory inside the target and checked
     * (exact size, sha256); only when all passed are they moved into place. A backup whose index or archive is
     * damaged is refused with nothing changed in the target. A restore stopped while moving files leaves its staging
     * directory behind, which marks the target as incomplete and is reported by the next preview or restore.
     */
    public static JenkinsRestoreReport restore(JenkinsRestoreOptions options, BackupStorage storage,
                                               ProgressListener listener) throws IOException {
        ProgressListener l = listener == null ? ProgressListener.NONE : listener;
        try (BackupLease backup = BackupLocks.readLease(storage, JenkinsLayout.KIND, options.backupName(), "jenkins-restore", l);
             BackupLease base = leaseBase(options.backupName(), storage, l)) {
            return restoreLeased(options, storage, l);
        }
    }

    private static BackupLease leaseBase(String name, BackupStorage storage, ProgressListener l) throws IOException {
        JenkinsManifest m = new JenkinsBackupSets(storage).require(name);
        return m.mode() == BackupMode.DIFF
                ? BackupLocks.readLease(storage, JenkinsLayout.KIND, m.baseFull(), "jenkins-restore of " + name, l) : null;
    }

    private static JenkinsRestoreReport restoreLeased(JenkinsRestoreOptions options, BackupStorage storage,
                                                      ProgressListener listener) throws IOException {
        ProgressListener l = listener;
        Path root = rootOf(options.target());
        if (options.refuseIfRunning()) {
            LiveHomeCheck.refuseIfRunning(root, options.ownerFreshness());
        }
        Plan plan = plan(options, storage, l);
        Path firstCreated = null; // the outermost directory this restore creates for the target, if any
        for (Path p = root; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            firstCreated = p;
        }
        Files.createDirectories(root);
        RestoreStaging staging = RestoreStaging.create(root);
        Map<String, String> errors = new LinkedHashMap<>(plan.refused);
        Staged staged;
        try {
            staged = stage(plan, options, storage, staging, errors, l);
        } catch (IOException | RuntimeException e) {
            try {
                staging.delete();
                if (firstCreated != null) {
                    Files.delete(root);
                    removeEmptyParents(firstCreated.getParent(), root.getParent());
                }
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        Set<String> done = new HashSet<>();
        long bytes = 0;
        int deleted = 0;
        String pluginsTxt = null;
        try {
            CheckedDirectories dirs = new CheckedDirectories(root);
            for (String rel : plan.toWrite()) {
                Optional<Path> link = dirs.symlinkOnPath(rel);
                if (link.isPresent()) {
                    errors.put(rel, "refused: would write through symbolic link " + link.get());
                    continue;
                }
                Path target = SafePaths.resolve(root, rel);
                dirs.createParents(rel);
                RestoreStaging.commit(staged.files.get(rel), target);
                done.add(rel);
                bytes += plan.desired.get(rel).entry.size();
            }
            for (String rel : plan.delete) {
                Path p = SafePaths.resolve(root, rel);
                if (SafePaths.symlinkOnPath(root, rel).isPresent()) {
                    errors.put(rel, "not deleted: a symbolic link is on its path");
                    continue;
                }
                if (Files.deleteIfExists(p)) {
                    deleted++;
                    removeEmptyParents(root, p.getParent());
                }
            }
            pluginsTxt = commitPluginsTxt(plan, root, staged.pluginsTxt, errors);
            commitMasterKey(root, staged.masterKey, errors);
        } catch (IOException | RuntimeException e) {
            throw new JenkinsHomeException("restore of " + plan.requested.name() + " into " + root + " stopped after "
                    + done.size() + " of " + plan.toWrite().size() + " files: " + e.getMessage()
                    + "; the target is incomplete (marked by " + staging.dir() + "): restore again", e);
        }
        staging.delete();
        for (Path leftover : plan.leftovers) {
            RestoreStaging.deleteTree(leftover);
        }
        String masterKey = errors.containsKey(HomeSelection.MASTER_KEY) && plan.restoreMasterKey
                ? "secrets/master.key not restored: " + errors.get(HomeSelection.MASTER_KEY) : plan.masterKey;
        int created = (int) plan.create.stream().filter(done::contains).count();
        int overwritten = (int) plan.overwrite.stream().filter(done::contains).count();
        BackupStatus status = errors.isEmpty() ? BackupStatus.Completed : BackupStatus.PartiallyFailed;
        List<FileProblem> problems = new ArrayList<>();
        errors.forEach((p, m) -> problems.add(new FileProblem(p, m)));
        l.info("restored " + plan.requested.name() + " into " + root + ": " + created + " created, " + overwritten
                + " overwritten, " + deleted + " deleted, " + plan.unchanged.size() + " unchanged, " + problems.size()
                + " errors");
        return new JenkinsRestoreReport(plan.requested.name(), plan.requested.mode(), plan.chainNames(), root.toString(),
                status, created, overwritten, deleted, plan.unchanged.size(), bytes, staged.ignored, pluginsTxt,
                plan.plugins.size(), masterKey, problems, plan.warnings);
    }

    /** What waits in the staging directory: each file to write by its path, plugins.txt and master.key. */
    private static final class Staged {
        final Map<String, Path> files = new HashMap<>();
        final Map<String, String> refused = new HashMap<>();
        int ignored;
        Path pluginsTxt;
        Path masterKey;
    }

    /** Writes and checks everything the restore will put in place; refuses the restore if any file is missing or damaged. */
    private static Staged stage(Plan plan, JenkinsRestoreOptions o, BackupStorage storage, RestoreStaging staging,
                                Map<String, String> errors, ProgressListener l) throws IOException {
        Staged staged = new Staged();
        for (Layer layer : plan.chain) {
            Map<String, FileEntry> wanted = new HashMap<>();
            for (String rel : plan.toWrite()) {
                Source s = plan.desired.get(rel);
                if (s.layer == layer) {
                    wanted.put(rel, s.entry);
                }
            }
            if (!wanted.isEmpty()) {
                l.info("extracting and checking " + wanted.size() + " files from " + layer.manifest.name());
                try {
                    extract(storage, layer, o.encryptionKey(), staging, wanted, staged, errors);
                } catch (IOException e) {
                    throw new JenkinsHomeException("refusing to restore backup " + plan.requested.name() + ": archive "
                            + layer.manifest.archive() + " cannot be read, it is damaged or incomplete (" + e.getMessage()
                            + "); nothing in " + plan.root + " was changed", e);
                }
            }
        }
        List<String> damaged = new ArrayList<>();
        for (String rel : plan.toWrite()) {
            if (!staged.files.containsKey(rel)) {
                damaged.add(SafePaths.quoted(rel) + ": " + staged.refused.getOrDefault(rel, "not in the archive"));
            }
        }
        if (!damaged.isEmpty()) {
            throw new JenkinsHomeException("refusing to restore backup " + plan.requested.name() + ": " + damaged.size()
                    + " files in its archive do not match its index, the backup is damaged or crafted ("
                    + IndexCheck.summary(damaged) + "); nothing in " + plan.root + " was changed");
        }
        staged.pluginsTxt = staging.stage(PluginInventory.toPluginsTxt(plan.plugins).getBytes(StandardCharsets.UTF_8), 0644);
        if (plan.restoreMasterKey) {
            String key = plan.masterKeySource.masterKeyObject();
            staged.masterKey = staging.stage(AesGcm.decrypt(o.masterKeyEncryptionKey(), storage.read(key), key), 0600);
        }
        return staged;
    }

    private record Layer(JenkinsManifest manifest, FileIndex index) {}

    private record Source(FileEntry entry, Layer layer) {}

    private static final class Plan {
        JenkinsManifest requested;
        List<Layer> chain = new ArrayList<>();
        Path root;
        Map<String, Source> desired = new TreeMap<>();
        List<String> create = new ArrayList<>();
        List<String> overwrite = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        List<String> plugins = List.of();
        Path pluginsTxt;
        String masterKey;
        boolean restoreMasterKey;
        JenkinsManifest masterKeySource;
        List<String> warnings = new ArrayList<>();
        List<Path> leftovers = List.of();

        List<String> toWrite() {
            List<String> all = new ArrayList<>(create);
            all.addAll(overwrite);
            return all;
        }

        List<String> chainNames() {
            return chain.stream().map(l -> l.manifest.name()).toList();
        }

        JenkinsRestorePlan toPublic() {
            List<FileProblem> problems = new ArrayList<>();
            refused.forEach((p, m) -> problems.add(new FileProblem(p, m)));
            return new JenkinsRestorePlan(requested.name(), requested.mode(), chainNames(), root.toString(),
                    List.copyOf(create), List.copyOf(overwrite), List.copyOf(delete), List.copyOf(unchanged), problems,
                    pluginsTxt.toString(), plugins.size(), masterKey, List.copyOf(warnings));
        }
    }

    private static Path rootOf(Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        if (Files.exists(root)) {
            if (!Files.isDirectory(root)) {
                throw new JenkinsHomeException("restore target " + root + " exists and is not a directory");
            }
            root = root.toRealPath(); // a symlinked target root is fine; links below it are not
        }
        return root;
    }

    private static Plan plan(JenkinsRestoreOptions o, BackupStorage storage, ProgressListener l) throws IOException {
        Plan plan = new Plan();
        plan.root = rootOf(o.target());
        JenkinsBackupSets sets = new JenkinsBackupSets(storage);
        plan.requested = sets.require(o.backupName());
        if (plan.requested.mode() == BackupMode.DIFF) {
            JenkinsManifest full;
            try {
                full = sets.require(plan.requested.baseFull());
            } catch (IOException | IllegalArgumentException e) {
                throw new JenkinsHomeException("differential backup " + plan.requested.name() + " needs its full backup "
                        + plan.requested.baseFull() + ", which cannot be used: " + e.getMessage(), e);
            }
            plan.chain.add(load(storage, full, o.encryptionKey()));
        }
        plan.chain.add(load(storage, plan.requested, o.encryptionKey()));
        plan.leftovers = RestoreStaging.leftovers(plan.root);
        for (Path leftover : plan.leftovers) {
            plan.warnings.add(leftover + " is left by a restore into this directory that did not finish, so files may be"
                    + " from two backups: this restore rewrites every file that differs from the backup and removes it");
        }
        for (Layer layer : plan.chain) {
            layer.index.deletions().forEach(plan.desired::remove);
            layer.index.files().forEach(f -> plan.desired.put(f.path(), new Source(f, layer)));
        }
        plan.plugins = plan.chain.get(plan.chain.size() - 1).index.plugins();
        plan.pluginsTxt = o.pluginsTxt() != null ? o.pluginsTxt().toAbsolutePath().normalize() : plan.root.resolve("plugins.txt");
        l.info("planning restore of " + plan.chainNames() + " (" + plan.desired.size() + " files) into " + plan.root);

        // nothing in the way in a new or empty target: every file is created, no link or file to look for per path
        boolean emptyTarget = isEmptyOrAbsent(plan.root);
        for (Map.Entry<String, Source> e : new ArrayList<>(plan.desired.entrySet())) {
            String rel = e.getKey();
            Optional<String> why = emptyTarget ? unsafeName(rel) : unsafe(plan.root, rel);
            if (why.isPresent()) {
                plan.refused.put(rel, why.get());
                plan.desired.remove(rel);
                continue;
            }
            Path p = plan.root.resolve(rel);
            if (emptyTarget || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                plan.create.add(rel);
            } else if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                plan.refused.put(rel, "refused: a directory or special file is in the way");
                plan.desired.remove(rel);
            } else if (Files.size(p) == e.getValue().entry.size() && e.getValue().entry.sha256().equals(sha256(p))) {
                plan.unchanged.add(rel);
            } else {
                plan.overwrite.add(rel);
            }
        }
        planDeletions(o, plan);
        planMasterKey(o, plan);
        return plan;
    }

    private static boolean isEmptyOrAbsent(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try (java.util.stream.Stream<Path> entries = Files.list(root)) {
            return entries.findAny().isEmpty();
        }
    }

    /** What is wrong with the path itself, whatever the target holds. */
    private static Optional<String> unsafeName(String rel) {
        Optional<String> why = SafePaths.problem(rel);
        if (why.isPresent()) {
            return Optional.of("refused: " + why.get());
        }
        if (rel.equals(HomeSelection.MASTER_KEY)) {
            return Optional.of("refused: master.key is never restored from the main archive");
        }
        return Optional.empty();
    }

    private static Optional<String> unsafe(Path root, String rel) {
        Optional<String> why = unsafeName(rel);
        if (why.isPresent()) {
            return why;
        }
        Optional<Path> link = SafePaths.symlinkOnPath(root, rel);
        if (link.isPresent()) {
            return Optional.of("refused: would write through symbolic link " + link.get());
        }
        return SafePaths.fileInPlaceOfDirectory(root, rel).map(file -> "refused: " + file + " is in the way of its directory");
    }

    private static void planDeletions(JenkinsRestoreOptions o, Plan plan) throws IOException {
        Set<String> doomed = new java.util.TreeSet<>();
        // deletions recorded by a diff are part of the backed-up state: always applied
        for (Layer layer : plan.chain) {
            for (String rel : layer.index.deletions()) {
                if (!plan.desired.containsKey(rel) && SafePaths.problem(rel).isEmpty()
                        && Files.isRegularFile(plan.root.resolve(rel), LinkOption.NOFOLLOW_LINKS)
                        && SafePaths.symlinkOnPath(plan.root, rel).isEmpty()) {
                    doomed.add(rel);
                }
            }
        }
        if (o.clean() && Files.isDirectory(plan.root)) {
            HomeSelection scope = new HomeSelection(plan.requested.selection() == null
                    ? SelectionSpec.DEFAULTS : plan.requested.selection());
            for (HomeScanner.ScannedFile f : HomeScanner.scope(plan.root, scope).files()) {
                if (!plan.desired.containsKey(f.rel()) && !plan.refused.containsKey(f.rel())
                        && !RestoreStaging.isStaging(f.rel())) {
                    doomed.add(f.rel());
                }
            }
        }
        plan.delete.addAll(doomed);
    }

    private static void planMasterKey(JenkinsRestoreOptions o, Plan plan) {
        // a diff made without the master key's key still restores the one stored with its full
        JenkinsManifest m = plan.requested;
        for (int i = plan.chain.size() - 1; i >= 0; i--) {
            if (plan.chain.get(i).manifest.masterKey() == MasterKeyHandling.STORED_SEPARATELY) {
                m = plan.chain.get(i).manifest;
                break;
            }
        }
        plan.masterKeySource = m;
        if (m.masterKey() != MasterKeyHandling.STORED_SEPARATELY) {
            plan.masterKey = m.masterKey() == MasterKeyHandling.ABSENT
                    ? "the backed-up home had no secrets/master.key"
                    : "secrets/master.key was not backed up: copy the original into the target before starting Jenkins";
            return;
        }
        if (o.masterKeyEncryptionKey() == null) {
            plan.masterKey = "secrets/master.key is stored separately (" + m.masterKeyObject()
                    + ", key " + m.masterKeyFingerprint() + "): not restored, no key given for it";
            return;
        }
        if (!o.masterKeyEncryptionKey().fingerprint().equals(m.masterKeyFingerprint())) {
            plan.warnings.add("the master key's key has fingerprint " + o.masterKeyEncryptionKey().fingerprint()
                    + " but " + m.masterKeyObject() + " needs " + m.masterKeyFingerprint() + ": master.key not restored");
            plan.masterKey = "secrets/master.key not restored: wrong key";
            return;
        }
        Optional<Path> link = SafePaths.symlinkOnPath(plan.root, HomeSelection.MASTER_KEY);
        if (link.isPresent()) {
            plan.refused.put(HomeSelection.MASTER_KEY, "refused: would write through symbolic link " + link.get());
            plan.masterKey = "secrets/master.key not restored: symbolic link on its path";
            return;
        }
        plan.restoreMasterKey = true;
        plan.masterKey = "secrets/master.key restored from " + m.masterKeyObject();
    }

    private static Layer load(BackupStorage storage, JenkinsManifest m, EncryptionKey key) throws IOException {
        String needed = m.encryptionKeyFingerprint();
        if (needed != null && key == null) {
            throw new JenkinsHomeException(new Fix("backup " + m.name() + " is encrypted and no key was given",
                    Remedy.GIVE_ENCRYPTION_KEY, needed));
        }
        if (needed != null && !needed.equals(key.fingerprint())) {
            throw new JenkinsHomeException(new Fix("backup " + m.name() + " is encrypted with key " + needed
                    + ", not with the given key " + key.fingerprint(), Remedy.GIVE_OTHER_ENCRYPTION_KEY, needed));
        }
        FileIndex index = BackupObjects.readIndex(storage, m.index(), needed == null ? null : key);
        IndexCheck.require(m, index);
        return new Layer(m, index);
    }

    /** Stages the {@code wanted} files of one layer's archive; refused archive entries are errors, files stay unstaged. */
    private static void extract(BackupStorage storage, Layer layer, EncryptionKey key, RestoreStaging staging,
                                Map<String, FileEntry> wanted, Staged staged, Map<String, String> errors)
            throws IOException {
        EncryptionKey k = layer.manifest.encryptionKeyFingerprint() == null ? null : key;
        try (TarArchiveInputStream tar = BackupObjects.openArchive(storage, layer.manifest.archive(), k)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String rel = e.isDirectory() && e.getName().endsWith("/") ? e.getName().substring(0, e.getName().length() - 1) : e.getName();
                Optional<String> why = SafePaths.problem(rel);
                if (why.isPresent()) {
                    errors.put(rel, "archive entry refused: " + why.get());
                    continue;
                }
                if (e.isDirectory()) {
                    continue;
                }
                FileEntry want = wanted.get(rel);
                if (!e.isFile() || e.isLink() || e.isSymbolicLink()) {
                    String refused = "archive entry refused: links and special files are never restored";
                    if (want == null) {
                        errors.put(rel, refused);
                    } else {
                        staged.refused.putIfAbsent(rel, refused);
                    }
                    continue;
                }
                if (want == null || staged.files.containsKey(rel)) {
                    staged.ignored++; // superseded by a later layer, unchanged in the target, or a re-read's first copy
                    continue;
                }
                if (e.getSize() != want.size()) {
                    staged.refused.put(rel, "size in archive " + e.getSize() + " differs from the index " + want.size());
                    continue;
                }
                RestoreStaging.Staged s = staging.stage(tar, want);
                if (s.problem() != null) {
                    staged.refused.put(rel, s.problem());
                } else {
                    staged.files.put(rel, s.file());
                    staged.refused.remove(rel);
                }
            }
        }
    }

    private static void removeEmptyParents(Path root, Path dir) throws IOException {
        while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException notEmpty) {
                return;
            }
            dir = dir.getParent();
        }
    }

    private static String commitPluginsTxt(Plan plan, Path root, Path staged, Map<String, String> errors)
            throws IOException {
        Path file = plan.pluginsTxt;
        if (file.startsWith(root) && SafePaths.symlinkOnPath(root, root.relativize(file).toString()).isPresent()) {
            errors.put(file.toString(), "plugins.txt not written: a symbolic link is on its path");
            return null;
        }
        Files.createDirectories(file.getParent());
        RestoreStaging.commit(staged, file);
        return file.toString();
    }

    private static void commitMasterKey(Path root, Path staged, Map<String, String> errors) throws IOException {
        if (staged == null) {
            return;
        }
        Optional<Path> link = SafePaths.symlinkOnPath(root, HomeSelection.MASTER_KEY);
        if (link.isPresent()) {
            errors.put(HomeSelection.MASTER_KEY, "refused: would write through symbolic link " + link.get());
            return;
        }
        Path target = root.resolve(HomeSelection.MASTER_KEY);
        Files.createDirectories(target.getParent());
        RestoreStaging.commit(staged, target);
    }

    private static String sha256(Path p) throws IOException {
        MessageDigest md = Sha256.newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
