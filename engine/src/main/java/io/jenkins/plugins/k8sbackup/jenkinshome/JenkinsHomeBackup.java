package io.jenkins.plugins.k8sbackup.jenkinshome;

import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupLease;
import io.jenkins.plugins.k8sbackup.catalog.BackupLocks;
import io.jenkins.plugins.k8sbackup.catalog.BackupSeries;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.catalog.LeaseTimes;
import io.jenkins.plugins.k8sbackup.catalog.Pruning;
import io.jenkins.plugins.k8sbackup.crypto.AesGcm;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Backs up a JENKINS_HOME directory (live or offline) to a {@link BackupStorage}: one streamed tar.zst archive,
 * a file index with a sha256 per file, optionally the master key as a separate object, and manifest.json last,
 * so an interrupted or failed backup is never listed as restorable.
 */
public final class JenkinsHomeBackup {
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private JenkinsHomeBackup() {}

    /**
     * @throws JenkinsHomeException when the backup cannot be made (bad home, failFast on an unreadable file, quiet
     *                              wait set to fail, storage failure); nothing restorable is left behind then
     */
    public static JenkinsBackupResult run(JenkinsBackupOptions options, BackupStorage storage, ProgressListener listener)
            throws IOException {
        return run(options, storage, listener, FileAccess.DIRECT);
    }

    static JenkinsBackupResult run(JenkinsBackupOptions o, BackupStorage storage, ProgressListener progress,
                                   FileAccess access) throws IOException {
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        Path home = o.home().toAbsolutePath().normalize();
        if (!Files.isDirectory(home)) {
            throw new JenkinsHomeException("JENKINS_HOME " + home + " is not a directory");
        }
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (o.quietWait() != null) {
            o.quietWait().await(listener).ifPresent(warnings::add);
        }
        Instant start = Instant.now();
        JenkinsBackupSets sets = new JenkinsBackupSets(storage);
        BackupSeries series = BackupSeries.of(HomeIdentity.of(home), o.labels(), null);
        Base base = chooseBase(o, sets, series, storage, warnings, notes);
        BackupMode mode = base == null ? BackupMode.FULL : BackupMode.DIFF;
        String name = o.name() != null ? o.name() : "jenkins-" + NAME_TIME.format(start) + "-" + mode.label();
        BackupLocks locks = new BackupLocks(storage, JenkinsLayout.KIND, Clock.systemUTC(), LeaseTimes.DEFAULT, listener);
        // The claim before anything is stored; the base is leased so that no delete takes it from under the diff.
        try (BackupLease claim = locks.claim(name, "jenkins-backup");
             BackupLease baseLease = base == null ? null : locks.read(base.manifest.name(), "base of diff " + name)) {
            if (base != null) {
                sets.require(base.manifest.name()); // still there now that it is leased
            }
            return run(o, storage, listener, access, new Started(home, name, start, mode, base, series, sets, claim),
                    warnings, notes);
        }
    }

    /** What a run has settled before it stores anything. */
    private record Started(Path home, String name, Instant start, BackupMode mode, Base base, BackupSeries series,
                           JenkinsBackupSets sets, BackupLease claim) {}

    private static JenkinsBackupResult run(JenkinsBackupOptions o, BackupStorage storage, ProgressListener listener,
                                           FileAccess access, Started s, List<String> warnings, List<String> notes)
            throws IOException {
        Path home = s.home;
        String name = s.name;
        Instant start = s.start;
        BackupMode mode = s.mode;
        Base base = s.base;
        listener.info("JENKINS_HOME " + mode.label() + " backup '" + name + "' of " + home + " to " + storage.describe()
                + (base == null ? "" : " (base " + base.manifest.name() + ")"));

        HomeSelection selection = new HomeSelection(o.selection());
        HomeScanner.Scan scan = HomeScanner.forBackup(home, selection, start);
        warnings.addAll(scan.warnings());
        noteScan(scan, o.selection(), notes);
        PluginInventory.Inventory plugins = PluginInventory.read(home);
        warnings.addAll(plugins.warnings());

        boolean encrypted = o.encryptionKey() != null;
        String archiveKey = JenkinsLayout.archive(name, encrypted);
        String indexKey = JenkinsLayout.index(name, encrypted);
        try (DiffBase diffBase = base == null ? null : base.open(storage, o.encryptionKey());
             IndexWriter index = new IndexWriter(name)) {
            Written w = writeArchive(o, storage, archiveKey, scan, base, diffBase, index, access, warnings, listener);
            List<String> deletions = diffBase == null ? List.of() : diffBase.deletions();
            long indexBytes = BackupObjects.writeIndex(storage, indexKey, o.encryptionKey(),
                    index.finish(deletions, plugins.lines()));
            MasterKeyHandling masterKey = storeMasterKey(o, storage, home, name, notes, warnings);
            Instant end = Instant.now();
            BackupStatus status = warnings.isEmpty() ? BackupStatus.Completed : BackupStatus.PartiallyFailed;
            String masterKeyObject = masterKey == MasterKeyHandling.STORED_SEPARATELY ? JenkinsLayout.masterKey(name) : null;
            JenkinsManifest manifest = new JenkinsManifest(JenkinsManifest.FORMAT_VERSION, JenkinsManifest.KIND, name,
                    start, end, status, w.stored, w.archiveBytes + indexBytes, o.labels(), mode,
                    base == null ? null : base.manifest.name(), deletions.size(), encrypted ? null : deletions,
                    scan.files().size(), w.sourceBytes, plugins.lines().size(), masterKey, masterKeyObject,
                    masterKeyObject == null ? null : o.masterKeyEncryptionKey().fingerprint(),
                    encrypted ? o.encryptionKey().fingerprint() : null, archiveKey, w.archiveSha256, indexKey,
                    o.selection(), List.copyOf(warnings), null, s.series);
            s.claim.publish(JenkinsLayout.KIND.keyOf(name, BackupCatalog.MANIFEST), Json.PRETTY.writeValueAsBytes(manifest));
            listener.info("stored " + w.stored + " of " + scan.files().size() + " files, "
                    + (w.archiveBytes + indexBytes) + " bytes; status " + status);
            Pruning pruning = new Pruning(new BackupCatalog(storage, JenkinsLayout.KIND), listener);
            if (o.keepLastFull() != null) {
                prune(s, o.keepLastFull(), pruning);
            }
            if (!pruning.deleted().isEmpty()) {
                listener.info("retention (keep last " + o.keepLastFull() + " full sets) deleted " + pruning.deleted());
            }
            warnings.addAll(pruning.warnings()); // after the status: retention's leftovers do not make this backup partial
            return new JenkinsBackupResult(name, mode, manifest.baseFull(), status, w.stored,
                    manifest.totalBytes(), scan.files().size(), w.sourceBytes, w.unchanged, deletions.size(),
                    plugins.lines().size(), masterKey, manifest.encryptionKeyFingerprint(), start, end,
                    storage.describe(), List.copyOf(warnings), List.copyOf(notes), pruning.deleted());
        } catch (IOException | RuntimeException e) {
            if (s.claim.stillHeld()) {
                discard(storage, name);
            }
            if (e instanceof JenkinsHomeException) {
                throw e;
            }
            throw new JenkinsHomeException("JENKINS_HOME backup '" + name + "' failed, nothing was kept: " + e.getMessage(), e);
        }
    }

    private static void prune(Started s, int keepLastFull, Pruning pruning) {
        try {
            s.sets.prune(keepLastFull, s.name, s.series, pruning);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pruning.warn("retention was interrupted");
        } catch (IOException e) {
            pruning.warn("retention could not prune old backups: " + e.getMessage());
        }
    }

    /** The last full backup a diff is computed against, or null for a full backup. */
    private record Base(JenkinsManifest manifest) {
        /** Its index, read alongside the scan (both are in path order). */
        DiffBase open(BackupStorage storage, EncryptionKey key) throws IOException {
            return new DiffBase(manifest.name(), BackupObjects.streamIndex(storage, manifest.index(), key));
        }
    }

    private static Base chooseBase(JenkinsBackupOptions o, JenkinsBackupSets sets, BackupSeries series,
                                   BackupStorage storage, List<String> warnings, List<String> notes) throws IOException {
        if (o.mode() == BackupMode.FULL) {
            return null;
        }
        Optional<JenkinsManifest> full = sets.lastFull(series);
        if (full.isEmpty()) {
            if (o.mode() == BackupMode.DIFF) {
                throw new JenkinsHomeException("no complete full JENKINS_HOME backup of this series (" + series + ") at "
                        + storage.describe() + " to base a differential backup on; run a full (or auto) backup first");
            }
            notes.add("no full backup of this series (" + series + ") yet: made a full backup");
            return null;
        }
        JenkinsManifest m = full.get();
        String keyProblem = keyProblem(m, o.encryptionKey());
        String selectionProblem = Objects.equals(m.selection(), o.selection()) ? null
                : "the selection (builds, plugin binaries, globs) differs from full backup " + m.name();
        if (o.mode() == BackupMode.AUTO && (keyProblem != null || selectionProblem != null)) {
            notes.add((keyProblem != null ? keyProblem : selectionProblem) + ": made a full backup");
            return null;
        }
        if (keyProblem != null) {
            throw new JenkinsHomeException("cannot make a differential backup: " + keyProblem);
        }
        if (selectionProblem != null) {
            warnings.add(selectionProblem + "; files outside the new selection are recorded as deleted");
        }
        return new Base(m);
    }

    private static String keyProblem(JenkinsManifest full, EncryptionKey key) {
        String want = key == null ? null : key.fingerprint();
        if (Objects.equals(full.encryptionKeyFingerprint(), want)) {
            return null;
        }
        return "full backup " + full.name() + " is " + (full.encryptionKeyFingerprint() == null ? "not encrypted"
                : "encrypted with key " + full.encryptionKeyFingerprint()) + " but this backup "
                + (want == null ? "is not encrypted" : "uses key " + want);
    }

    private record Written(int stored, int unchanged, long sourceBytes, long archiveBytes, String archiveSha256) {}

    private static Written writeArchive(JenkinsBackupOptions o, BackupStorage storage, String archiveKey,
                                        HomeScanner.Scan scan, Base base, DiffBase diffBase, IndexWriter index,
                                        FileAccess access, List<String> warnings, ProgressListener listener)
            throws IOException {
        int unchanged = 0;
        long sourceBytes = 0;
        try (ArchiveWriter archive = new ArchiveWriter(storage, archiveKey, o.encryptionKey())) {
            FileCopier copier = new FileCopier(archive, access);
            int done = 0;
            for (HomeScanner.ScannedFile f : scan.files()) {
                // matched before reading: an unreadable file is still there, not a deletion
                FileEntry baseEntry = diffBase == null ? null : diffBase.match(f.rel());
                FileCopier.Copied c;
                try {
                    c = copier.copy(f.rel(), f.path(), baseEntry, o.rehashAll());
                } catch (IOException e) {
                    String why = "could not read " + f.rel() + ": " + e.getMessage();
                    if (o.failFast()) {
                        throw new JenkinsHomeException(why + " (failFast: backup aborted, nothing was kept)", e);
                    }
                    warnings.add(why + (baseEntry == null ? "; not in this backup"
                            : "; restore keeps its version from " + base.manifest.name()));
                    continue;
                }
                sourceBytes += c.entry().size();
                if (c.stored()) {
                    index.add(c.entry());
                } else {
                    unchanged++;
                }
                if (c.warning() != null) {
                    warnings.add(c.warning());
                }
                if (++done % 5000 == 0) {
                    listener.info("read " + done + " of " + scan.files().size() + " files");
                }
            }
            long bytes = archive.publish();
            return new Written(index.count(), unchanged, sourceBytes, bytes, archive.storedSha256());
        }
    }

    private static MasterKeyHandling storeMasterKey(JenkinsBackupOptions o, BackupStorage storage, Path home,
                                                    String name, List<String> notes, List<String> warnings)
            throws IOException {
        Path file = home.resolve(HomeSelection.MASTER_KEY);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            notes.add("no secrets/master.key in this home");
            return MasterKeyHandling.ABSENT;
        }
        if (o.masterKeyEncryptionKey() == null) {
            notes.add("secrets/master.key was not backed up (no key given for it): keep a copy in a safe place, "
                    + "without it the restored credentials cannot be decrypted");
            return MasterKeyHandling.NOT_BACKED_UP;
        }
        if (o.encryptionKey() != null
                && o.encryptionKey().fingerprint().equals(o.masterKeyEncryptionKey().fingerprint())) {
            warnings.add("master.key is encrypted with the same key as the backup: anyone holding the backup key "
                    + "can decrypt every credential; use a separate key");
        }
        String key = JenkinsLayout.masterKey(name);
        storage.write(key, AesGcm.encrypt(o.masterKeyEncryptionKey(), Files.readAllBytes(file), key));
        notes.add("secrets/master.key stored separately as " + key + ", encrypted with key "
                + o.masterKeyEncryptionKey().fingerprint());
        return MasterKeyHandling.STORED_SEPARATELY;
    }

    private static void noteScan(HomeScanner.Scan scan, SelectionSpec spec, List<String> notes) {
        if (spec.includeBuilds()) {
            notes.add(scan.buildsTaken() + " build records included"
                    + (scan.buildsSkipped() == 0 ? "" : ", " + scan.buildsSkipped() + " (" + scan.buildBytesSkipped()
                    + " bytes) skipped by the age/size limits"));
        }
        if (scan.symlinksSkipped() > 0) {
            notes.add(scan.symlinksSkipped() + " symbolic links not backed up (Jenkins recreates its build permalinks)");
        }
        if (scan.specialSkipped() > 0) {
            notes.add(scan.specialSkipped() + " special files (FIFOs, sockets, devices) skipped");
        }
    }

    private static void discard(BackupStorage storage, String name) {
        try {
            for (String prefix : JenkinsLayout.KIND.prefixesOf(name)) {
                storage.deletePrefix(prefix);
            }
        } catch (IOException | RuntimeException ignored) {
            // without a manifest the leftovers are listed as Incomplete and never restored
        }
    }
}
