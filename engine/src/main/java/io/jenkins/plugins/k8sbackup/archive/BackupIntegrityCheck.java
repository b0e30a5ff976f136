package io.jenkins.plugins.k8sbackup.archive;

import com.github.luben.zstd.ZstdInputStream;
import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.crypto.DecryptionException;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.hooks.HookArtifactRecord;
import io.jenkins.plugins.k8sbackup.hooks.HookArtifacts;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.InParallel;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Checks a Kubernetes backup before anything is taken from it, the way {@code restic check --read-data} does: the
 * manifest (its MAC, when a key is given), the index against the manifest, and each archive asked for, downloaded
 * once to a local copy while its size and SHA-256 are compared with the manifest's, then unpacked in full to compare
 * every entry with its index record (size, SHA-256, and with a key, that it decrypts under the backup's
 * {@link EntryBinding}; from format 3 on, an encrypted archive is decrypted whole, segment by segment, and its entries'
 * keyed digests compared). Restore, diff and verify call {@link #check} for the archives they will read, and then read
 * the verified copies; {@code describe --verify} calls {@link #checkAll}. Archives are checked on a few threads at
 * once (each is downloaded, decompressed and hashed on its own), and their problems reported in the manifest's order.
 */
public final class BackupIntegrityCheck {
    /** Entry-level problems listed per archive; the rest are counted. */
    static final int ENTRY_PROBLEMS_SHOWN = 5;
    /** Archives checked at once: as many as the types a diff compares at once, since decompressing one uses a core. */
    static final int ARCHIVES_IN_PARALLEL = 4;

    private final BackupReader reader;
    private final boolean decrypt;
    private final int threads;
    /** Whether archives are unpacked and every entry compared with its record (false: size and SHA-256 only). */
    private final boolean entries;
    private final List<IntegrityProblem> problems = new ArrayList<>();
    private int archives;
    private long objects;
    private long bytes;

    private BackupIntegrityCheck(BackupReader reader, boolean decrypt, int threads, boolean entries) {
        this.reader = reader;
        this.decrypt = decrypt;
        this.threads = threads;
        this.entries = entries;
    }

    /** What is wrong with the manifest's index (empty when it is intact); loads it into the reader. */
    public static List<IntegrityProblem> indexProblems(BackupReader reader) throws IOException {
        try {
            reader.index();
            return List.of();
        } catch (IntegrityException e) {
            return e.problems();
        }
    }

    /**
     * Checks the index and the archives of {@code resources} (types the manifest does not hold are ignored). The
     * reader then reads each intact archive from its verified local copy.
     *
     * @throws IOException storage could not be read (not damage: nothing was concluded)
     */
    public static IntegrityReport check(BackupReader reader, Collection<String> resources, ProgressListener progress)
            throws IOException {
        return check(reader, resources, progress, ARCHIVES_IN_PARALLEL, true);
    }

    /**
     * {@link #check} without unpacking the archives: the manifest, the index, and each archive's presence, size and
     * SHA-256 against the manifest. For diff and verify, which write nothing and read every entry anyway: the reader
     * checks each entry against its index record as it reads it, and reports the records whose entries are missing
     * ({@link BackupReader#forEach}), so one pass over the archives does what two did.
     */
    public static IntegrityReport checkStoredArchives(BackupReader reader, Collection<String> resources,
                                                      ProgressListener progress) throws IOException {
        return check(reader, resources, progress, ARCHIVES_IN_PARALLEL, false);
    }

    /** {@link #check} on {@code threads} threads (one: the archives one after the other, as tests compare). */
    static IntegrityReport check(BackupReader reader, Collection<String> resources, ProgressListener progress, int threads,
                                 boolean entries) throws IOException {
        BackupIntegrityCheck check = new BackupIntegrityCheck(reader, reader.key().isPresent(), threads, entries);
        check.run(resources, true);
        IntegrityReport report = check.report(reader.stored().warnings());
        log(report, progress);
        return report;
    }

    /**
     * Everything stored for a backup, whatever its status: the manifest (MAC with a key), the index, every archive
     * and every hook artifact. Encrypted entries are decrypted when the key given is the backup's.
     */
    public static IntegrityReport checkAll(BackupStorage storage, String name, Optional<EncryptionKey> key,
                                           ProgressListener progress) throws IOException {
        StoredManifest stored;
        try {
            stored = StoredManifest.read(storage, name, key);
        } catch (IntegrityException e) {
            return new IntegrityReport(name, "unreadable", 0, 0, 0, e.problems(), List.of());
        }
        List<String> warnings = new ArrayList<>(stored.warnings());
        BackupManifest m = stored.manifest();
        key = stored.keyFor(key);
        String fingerprint = m.encryption() == null ? null : m.encryption().keyFingerprint();
        boolean decrypt = key.isPresent() && (fingerprint == null || fingerprint.equals(key.get().fingerprint()));
        if (m.hasEncryptedObjects() && !decrypt) {
            warnings.add(m.encryption().encryptedObjects() + " encrypted objects were checked by SHA-256 only, not decrypted"
                    + (m.formatVersion() >= EntryBinding.FIRST_SEALED_ARCHIVE_FORMAT
                    ? " (their archives' SHA-256, as the objects' own digests need the key)" : "") + ": "
                    + (key.isEmpty() ? "no key was given" : "the key given (" + key.get().fingerprint() + ") is not the backup's ("
                    + fingerprint + ")"));
        }
        try (BackupReader reader = new BackupReader(storage, name, stored, decrypt ? key : Optional.empty())) {
            BackupIntegrityCheck check = new BackupIntegrityCheck(reader, decrypt, ARCHIVES_IN_PARALLEL, true);
            check.problems.addAll(stored.problems());
            check.run(m.types().stream().map(BackupManifest.TypeSummary::resource).toList(), false);
            check.checkArtifacts(decrypt ? key : Optional.empty());
            IntegrityReport report = check.report(warnings);
            log(report, progress);
            return report;
        }
    }

    /** The summary, then each problem on a line of its own (a build log shows them where the failure is). */
    public static void log(IntegrityReport report, ProgressListener progress) {
        progress.info(report.summaryLine());
        report.problems().forEach(p -> progress.info("  damaged: " + p));
    }

    private IntegrityReport report(List<String> warnings) {
        return new IntegrityReport(reader.name(), reader.stored().authentication(), archives, objects, bytes, problems, warnings,
                entries);
    }

    private void run(Collection<String> resources, boolean keepCopies) throws IOException {
        List<IntegrityProblem> indexProblems = indexProblems(reader);
        problems.addAll(indexProblems);
        if (!indexProblems.isEmpty()) {
            return; // without a trusted index, entries cannot be checked
        }
        Map<String, List<ObjectRecord>> byType = reader.recordsByType();
        List<BackupManifest.TypeSummary> selected = reader.manifest().types().stream()
                .filter(t -> resources.contains(t.resource())).toList();
        List<Findings> checked;
        try {
            checked = InParallel.map(selected, threads, "k8s-backup-check",
                    t -> checkArchive(t, byPath(byType.getOrDefault(t.resource(), List.of())), keepCopies));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the check of backup '" + reader.name() + "' was interrupted");
        }
        for (Findings found : checked) { // in the manifest's order, whichever archive was done first
            archives++;
            objects += found.objects;
            bytes += found.bytes;
            problems.addAll(found.list);
        }
    }

    private static Map<String, ObjectRecord> byPath(List<ObjectRecord> records) {
        Map<String, ObjectRecord> expected = new LinkedHashMap<>();
        records.forEach(r -> expected.put(r.path(), r));
        return expected;
    }

    /** Checks one archive; touches nothing but its own findings and copy, so archives can be checked at once. */
    private Findings checkArchive(BackupManifest.TypeSummary t, Map<String, ObjectRecord> expected, boolean keepCopies)
            throws IOException {
        Findings found = new Findings(t.resource(), BackupKind.KUBERNETES.keyOf(reader.name(), t.archive()));
        String layout;
        try {
            layout = ArchivePaths.typeArchive(t.resource());
        } catch (IllegalArgumentException e) {
            layout = null;
        }
        if (!t.archive().equals(layout)) {
            found.add(IntegrityProblem.Kind.LAYOUT, "the manifest names archive " + t.archive() + " for " + t.resource()
                    + ", not " + layout);
            return found;
        }
        Path copy = reader.newCopy(t.resource());
        boolean kept = false;
        try {
            if (!download(found, copy)) {
                return found;
            }
            long size = Files.size(copy);
            found.bytes = size;
            if (size != t.archiveBytes()) {
                found.add(IntegrityProblem.Kind.SIZE, size + " bytes stored, the manifest records " + t.archiveBytes()
                        + (size < t.archiveBytes() ? " (truncated)" : ""));
            }
            if (!found.sha.equals(t.archiveSha256())) {
                found.add(IntegrityProblem.Kind.SHA256, "the archive is " + found.sha + ", the manifest records " + t.archiveSha256());
            }
            boolean unpacked = entries && !(reader.sealedArchive(t.resource()) && !decrypt);
            if (unpacked) {
                checkEntries(copy, t, expected, found);
            } else {
                expected.clear(); // entries unread: without the key they cannot be; or the reader checks them as it reads
            }
            found.finish();
            if (found.list.isEmpty() && keepCopies) {
                reader.useVerifiedCopy(t.resource(), copy, unpacked);
                kept = true;
            }
            return found;
        } finally {
            if (!kept) {
                Files.deleteIfExists(copy);
            }
        }
    }

    /** Stores the archive in {@code copy}, hashing it on the way; false when storage does not have it. */
    private boolean download(Findings found, Path copy) throws IOException {
        try (InputStream in = reader.storage().open(found.key);
             OutputStream file = new BufferedOutputStream(Files.newOutputStream(copy), 1 << 16)) {
            Sha256.DigestingOutputStream digest = new Sha256.DigestingOutputStream(file);
            in.transferTo(digest);
            digest.flush();
            found.sha = digest.hex();
            return true;
        } catch (FileNotFoundException e) {
            found.add(IntegrityProblem.Kind.MISSING, "the archive is not in storage");
            return false;
        }
    }

    /** Unpacks the copy to its end, comparing every entry with its index record. */
    private void checkEntries(Path copy, BackupManifest.TypeSummary type, Map<String, ObjectRecord> expected, Findings found) {
        String resource = type.resource();
        Set<String> seen = new HashSet<>();
        try (ZstdInputStream zstd = new ZstdInputStream(reader.contents(type, new BufferedInputStream(Files.newInputStream(copy))));
             TarArchiveInputStream tar = new TarArchiveInputStream(zstd)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String path = entry.getName();
                ObjectRecord rec = expected.remove(path);
                if (rec == null) {
                    found.entry(IntegrityProblem.Kind.ENTRIES, seen.contains(path) ? "entry " + path + " is in the archive twice"
                            : "entry " + path + " is not in the index of " + resource);
                    continue;
                }
                seen.add(path);
                if (!entry.isFile() || entry.getSize() != rec.size()) {
                    found.entry(IntegrityProblem.Kind.SIZE, "entry " + path + " holds " + entry.getSize()
                            + " bytes, the index records " + rec.size());
                    continue;
                }
                byte[] stored = tar.readAllBytes();
                if (!reader.digestMatches(rec, stored)) {
                    found.entry(IntegrityProblem.Kind.SHA256, "entry " + path + " does not match the SHA-256 of its index record");
                    continue;
                }
                if (rec.encrypted() && decrypt && reader.binding().sealsEntries()) {
                    try {
                        reader.decrypt(rec, stored, found.key);
                    } catch (DecryptionException e) {
                        found.entry(IntegrityProblem.Kind.DECRYPTION, e.getMessage());
                        continue;
                    }
                }
                found.objects++;
            }
            zstd.transferTo(OutputStream.nullOutputStream()); // to the end of the zstd stream: a cut-off tail shows here
        } catch (DecryptionException e) {
            found.add(IntegrityProblem.Kind.DECRYPTION, e.getMessage());
        } catch (IOException e) {
            found.add(IntegrityProblem.Kind.UNREADABLE, "cannot be unpacked to its end: " + e.getMessage());
        }
        if (!expected.isEmpty()) {
            found.add(IntegrityProblem.Kind.ENTRIES, expected.size() + " objects of the index are not in the archive (e.g. "
                    + expected.keySet().iterator().next() + ")");
        }
    }

    private void checkArtifacts(Optional<EncryptionKey> key) throws IOException {
        for (HookArtifactRecord a : reader.manifest().artifacts()) {
            String storageKey = BackupKind.KUBERNETES.keyOf(reader.name(), a.path());
            try {
                String damage = HookArtifacts.damage(reader.storage(), reader.name(), a);
                if (damage != null) {
                    problems.add(new IntegrityProblem(a.path(), storageKey, IntegrityProblem.Kind.SHA256, damage));
                } else if (a.encrypted() && key.isPresent()) {
                    try (InputStream plain = HookArtifacts.open(reader.storage(), reader.name(), a, key)) {
                        plain.transferTo(OutputStream.nullOutputStream());
                    }
                }
                bytes += a.size();
            } catch (FileNotFoundException e) {
                problems.add(new IntegrityProblem(a.path(), storageKey, IntegrityProblem.Kind.MISSING, "the artifact is not in storage"));
            } catch (DecryptionException e) {
                problems.add(new IntegrityProblem(a.path(), storageKey, IntegrityProblem.Kind.DECRYPTION, e.getMessage()));
            } catch (IllegalArgumentException e) {
                problems.add(new IntegrityProblem(a.path(), storageKey, IntegrityProblem.Kind.LAYOUT, e.getMessage()));
            }
        }
    }

    /**
     * What the check of one archive found: its problems (entry-level ones beyond {@link #ENTRY_PROBLEMS_SHOWN} only
     * counted), the objects found intact and the bytes stored.
     */
    private static final class Findings {
        final String resource;
        final String key;
        final List<IntegrityProblem> list = new ArrayList<>();
        String sha;
        int entryProblems;
        long objects;
        long bytes;

        Findings(String resource, String key) {
            this.resource = resource;
            this.key = key;
        }

        void add(IntegrityProblem.Kind kind, String detail) {
            list.add(new IntegrityProblem(resource, key, kind, detail));
        }

        void entry(IntegrityProblem.Kind kind, String detail) {
            if (entryProblems++ < ENTRY_PROBLEMS_SHOWN) {
                add(kind, detail);
            }
        }

        void finish() {
            if (entryProblems > ENTRY_PROBLEMS_SHOWN) {
                add(IntegrityProblem.Kind.ENTRIES, (entryProblems - ENTRY_PROBLEMS_SHOWN) + " more entries are damaged");
            }
        }
    }
}
