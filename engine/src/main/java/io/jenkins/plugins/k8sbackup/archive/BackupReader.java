package io.jenkins.plugins.k8sbackup.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.ZstdInputStream;
import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.crypto.AesGcm;
import io.jenkins.plugins.k8sbackup.crypto.DecryptionException;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.crypto.ObjectDigest;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.BufferedInputStream;
import java.io.Closeable;
import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.Remedy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a complete Kubernetes backup. Every object handed out has a checked path, a SHA-256 equal to the
 * one in the index, and is decrypted; an object that fails any of that is handed out as a
 * {@link StoredItem} with an error, so one bad object never stops a restore. Archives that
 * {@link BackupIntegrityCheck} verified are read from the verified local copy it kept (deleted by {@link #close()}),
 * so what was checked is what is read, and a remote archive is downloaded once.
 */
public final class BackupReader implements Closeable {
    private final BackupStorage storage;
    private final String name;
    private final StoredManifest stored;
    private final BackupManifest manifest;
    private final Optional<EncryptionKey> key;
    private final EntryBinding binding;
    private final Optional<ObjectDigest> objectDigest;
    private final Map<String, Path> verifiedCopies = new ConcurrentHashMap<>();
    /** Types whose verified copy had every entry checked against its record (restore's check), not only its SHA-256. */
    private final Set<String> entriesVerified = ConcurrentHashMap.newKeySet();
    private Path copies;
    private Map<String, ObjectRecord> index;
    private Map<String, List<ObjectRecord>> byType;

    BackupReader(BackupStorage storage, String name, StoredManifest stored, Optional<EncryptionKey> key) {
        this.storage = storage;
        this.name = name;
        this.stored = stored;
        this.manifest = stored.manifest();
        this.key = key;
        this.binding = EntryBinding.of(manifest);
        this.objectDigest = key.map(ObjectDigest::of);
    }

    /**
     * Opens a restorable backup. Fails clearly when the backup is missing, incomplete, failed, holds
     * encrypted objects and no key (or another key) was given, or, with a key, when its manifest is not authenticated
     * by that key ({@link IntegrityException}).
     */
    public static BackupReader open(BackupStorage storage, String name, Optional<EncryptionKey> given) throws IOException {
        StoredManifest stored = StoredManifest.read(storage, name, given);
        BackupManifest manifest = stored.manifest();
        Optional<EncryptionKey> key = stored.keyFor(given);
        if (manifest.hasEncryptedObjects()) {
            String fp = manifest.encryption().keyFingerprint();
            if (key.isEmpty()) {
                throw new DecryptionException(new Fix("backup '" + name + "' holds " + manifest.encryption().encryptedObjects()
                        + " encrypted objects and no key was given", Remedy.GIVE_ENCRYPTION_KEY, fp));
            }
            if (fp != null && !fp.equals(key.get().fingerprint())) {
                throw new DecryptionException(new Fix("backup '" + name + "' was encrypted with key " + fp
                        + ", not with the key given (" + key.get().fingerprint() + ")" + derivationHint(manifest, given.get()),
                        Remedy.GIVE_OTHER_ENCRYPTION_KEY, fp));
            }
        }
        if (!stored.problems().isEmpty()) {
            throw new IntegrityException(name, stored.problems());
        }
        if (!manifest.status().restorable()) {
            throw new IOException("backup '" + name + "' has status " + manifest.status() + " and cannot be restored");
        }
        return new BackupReader(storage, name, stored, key);
    }

    /** A key and a passphrase are not interchangeable: say which one the backup was made with when they differ. */
    private static String derivationHint(BackupManifest manifest, EncryptionKey given) {
        if (manifest.keyDerivation() != null && !given.madeFromPassphrase()) {
            return ": the backup's key was derived from a passphrase (give the passphrase, not a key)";
        }
        if (manifest.keyDerivation() == null && given.madeFromPassphrase()
                && manifest.formatVersion() >= EntryBinding.FIRST_SEALED_ARCHIVE_FORMAT) {
            return ": the backup was encrypted with a key, not a passphrase";
        }
        return "";
    }

    public BackupManifest manifest() {
        return manifest;
    }

    /** The manifest as read: how it was authenticated, and what that could not prove. */
    public StoredManifest stored() {
        return stored;
    }

    public String name() {
        return name;
    }

    BackupStorage storage() {
        return storage;
    }

    Optional<EncryptionKey> key() {
        return key;
    }

    EntryBinding binding() {
        return binding;
    }

    /** Hook output captured at backup time (e.g. a dump), checked and decrypted when read. */
    public io.jenkins.plugins.k8sbackup.hooks.ArtifactSource artifacts() {
        return io.jenkins.plugins.k8sbackup.hooks.ArtifactSource.of(storage, name, manifest.artifacts(), key);
    }

    /**
     * The per-object index, checked against the manifest (size, SHA-256, one record per stored object of each type).
     * Loaded once, on first use.
     *
     * @throws IntegrityException the index is damaged or does not describe the manifest's types
     */
    public synchronized Map<String, ObjectRecord> index() throws IOException {
        if (index == null) {
            List<IntegrityProblem> problems = new ArrayList<>();
            Map<String, ObjectRecord> read = IndexFile.read(storage, name, manifest, problems);
            if (!problems.isEmpty()) {
                throw new IntegrityException(name, problems);
            }
            index = read;
        }
        return index;
    }

    /** The index's records by type, each type's in the index's order; grouped once, on first use. */
    public synchronized Map<String, List<ObjectRecord>> recordsByType() throws IOException {
        if (byType == null) {
            Map<String, List<ObjectRecord>> grouped = new LinkedHashMap<>();
            for (ObjectRecord r : index().values()) {
                grouped.computeIfAbsent(r.resource(), k -> new ArrayList<>()).add(r);
            }
            grouped.replaceAll((k, v) -> List.copyOf(v));
            byType = Collections.unmodifiableMap(grouped);
        }
        return byType;
    }

    /** A summary of what the backup holds (namespaces and types), e.g. for a selection that matches none of it. */
    public String contents() throws IOException {
        Set<String> namespaces = new TreeSet<>();
        index().values().forEach(r -> {
            if (r.namespace() != null) {
                namespaces.add(r.namespace());
            }
        });
        List<String> types = manifest.types().stream().map(BackupManifest.TypeSummary::resource).sorted().toList();
        return "it holds " + listed(namespaces, "namespace") + " and " + listed(types, "type");
    }

    private static String listed(Collection<String> names, String what) {
        if (names.isEmpty()) {
            return "no " + what;
        }
        int shown = 30;
        return names.size() + " " + what + (names.size() == 1 ? "" : "s") + " ("
                + names.stream().limit(shown).collect(Collectors.joining(", "))
                + (names.size() > shown ? ", ..." : "") + ")";
    }

    /** One object read back from the archive: its JSON, or why it could not be read. */
    public record StoredItem(ObjectRecord record, JsonNode object, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    public interface ItemVisitor {
        void visit(StoredItem item) throws IOException, InterruptedException;
    }

    /**
     * Streams one type's archive; {@code wanted} filters on the index record before anything is decrypted. Every
     * entry is checked against its record as it is read; an entry the index does not hold, one met twice, and at the
     * end each wanted record whose entry the archive lacks, come as items with an error, so nothing is skipped
     * silently (diff and verify rely on it: they check archives by size and SHA-256 only before reading them).
     */
    public void forEach(String resource, java.util.function.Predicate<ObjectRecord> wanted, ItemVisitor visitor)
            throws IOException, InterruptedException {
        BackupManifest.TypeSummary type = manifest.types().stream().filter(t -> t.resource().equals(resource)).findFirst()
                .orElse(null);
        if (type == null) {
            return;
        }
        Map<String, ObjectRecord> idx = index();
        String archive = BackupKind.KUBERNETES.keyOf(name, type.archive());
        Path verified = verifiedCopies.get(resource);
        try (InputStream raw = verified != null ? new BufferedInputStream(Files.newInputStream(verified)) : storage.open(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdInputStream(contents(type, raw)))) {
            Set<ObjectRecord> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            TarArchiveEntry entry;
            while ((entry = next(tar, archive)) != null) {
                String path = entry.getName();
                ObjectRecord rec = idx.get(path);
                if (rec != null && !seen.add(rec)) {
                    visitor.visit(new StoredItem(rec, null, "entry '" + path + "' is in the archive twice (tampered archive?)"));
                    continue;
                }
                if (rec == null || !rec.resource().equals(resource) || !entry.isFile()) {
                    ArchivePaths.Parsed p = safeParse(path);
                    visitor.visit(new StoredItem(new ObjectRecord(path, resource, null, null,
                            p == null ? null : p.namespace(), p == null ? path : p.name(), null, entry.getSize(), false),
                            null, "entry '" + path + "' is not in the backup's index (tampered archive?)"));
                    continue;
                }
                if (!wanted.test(rec)) {
                    continue;
                }
                visitor.visit(decode(rec, read(tar, archive), archive));
            }
            for (ObjectRecord rec : recordsByType().getOrDefault(resource, List.of())) {
                if (!seen.contains(rec) && wanted.test(rec)) {
                    visitor.visit(new StoredItem(rec, null, "entry '" + rec.path() + "' is not in the archive"));
                }
            }
        }
    }

    /**
     * One object, read from the frame its index record names (format 3 on): the archive's other frames are neither
     * decompressed nor, in an encrypted archive, decrypted; its frames before are skipped unread where storage allows.
     *
     * @throws IOException the record names no frame (a backup before format 3: read its type with {@link #forEach}),
     * or the archive cannot be read there
     */
    public StoredItem readObject(ObjectRecord rec) throws IOException {
        BackupManifest.TypeSummary type = manifest.types().stream().filter(t -> t.resource().equals(rec.resource()))
                .findFirst().orElseThrow(() -> new IOException("backup '" + name + "' holds no " + rec.resource()));
        if (rec.frameOffset() == null || rec.frameSegment() == null) {
            throw new IOException(rec.path() + ": its index record names no frame (format " + manifest.formatVersion()
                    + "): read the whole type instead");
        }
        String archive = BackupKind.KUBERNETES.keyOf(name, type.archive());
        Path verified = verifiedCopies.get(rec.resource());
        try (InputStream raw = verified != null ? new BufferedInputStream(Files.newInputStream(verified)) : storage.open(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdInputStream(contentsFrom(type, raw, rec)))) {
            TarArchiveEntry entry;
            while ((entry = next(tar, archive)) != null) {
                if (entry.getName().equals(rec.path()) && entry.isFile()) {
                    return decode(rec, read(tar, archive), archive);
                }
            }
        }
        return new StoredItem(rec, null, "entry '" + rec.path() + "' is not in the archive from the frame its index"
                + " record names");
    }

    /** Whether the type's archive is encrypted as a whole (format 3 on), not object by object. */
    boolean sealedArchive(String resource) {
        return !binding.sealsEntries() && manifest.encryption() != null
                && encryptionMode().encrypts(resource);
    }

    private io.jenkins.plugins.k8sbackup.backup.BackupSpec.EncryptionMode encryptionMode() {
        try {
            return io.jenkins.plugins.k8sbackup.backup.BackupSpec.EncryptionMode.valueOf(manifest.encryption().mode());
        } catch (IllegalArgumentException | NullPointerException e) {
            return io.jenkins.plugins.k8sbackup.backup.BackupSpec.EncryptionMode.none;
        }
    }

    /** The compressed archive: decrypted on the way when the type's archive is sealed (see {@link ArchiveSealing}). */
    InputStream contents(BackupManifest.TypeSummary type, InputStream stored) throws IOException {
        return sealedArchive(type.resource()) ? sealing(type).open(stored) : stored;
    }

    private InputStream contentsFrom(BackupManifest.TypeSummary type, InputStream stored, ObjectRecord rec)
            throws IOException {
        if (sealedArchive(type.resource())) {
            return sealing(type).openAt(stored, rec.frameOffset(), rec.frameSegment());
        }
        stored.skipNBytes(rec.frameOffset());
        return stored;
    }

    private ArchiveSealing sealing(BackupManifest.TypeSummary type) throws DecryptionException {
        if (key.isEmpty()) {
            throw new DecryptionException(BackupKind.KUBERNETES.keyOf(name, type.archive()) + " is encrypted: give the key");
        }
        return ArchiveSealing.of(binding, key.get(), type.resource(), type.archive());
    }

    /**
     * Whether {@code stored} (an entry's bytes) is what its index record describes: its SHA-256, or for an object of a
     * sealed archive its keyed digest (see {@link ObjectDigest}), which needs the key.
     */
    boolean digestMatches(ObjectRecord rec, byte[] stored) {
        String digest = rec.encrypted() && !binding.sealsEntries()
                ? objectDigest.map(d -> d.hex(stored)).orElse(null) : Sha256.hex(stored);
        return digest != null && rec.sha256() != null && java.security.MessageDigest.isEqual(
                digest.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                rec.sha256().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** A failure to read the archive itself (truncated, garbled) names the archive. */
    private TarArchiveEntry next(TarArchiveInputStream tar, String archive) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw new IOException("archive " + archive + " cannot be read: " + e.getMessage(), e);
        }
    }

    private byte[] read(TarArchiveInputStream tar, String archive) throws IOException {
        try {
            return tar.readAllBytes();
        } catch (IOException e) {
            throw new IOException("archive " + archive + " cannot be read: " + e.getMessage(), e);
        }
    }

    private StoredItem decode(ObjectRecord rec, byte[] stored, String archive) {
        if (!entriesVerified.contains(rec.resource()) && !digestMatches(rec, stored)) {
            return new StoredItem(rec, null, "SHA-256 mismatch: the stored object is corrupt or was altered");
        }
        try {
            byte[] json = rec.encrypted() && binding.sealsEntries() ? decrypt(rec, stored, archive) : stored;
            return new StoredItem(rec, Json.MAPPER.readTree(json), null);
        } catch (DecryptionException e) {
            return new StoredItem(rec, null, e.getMessage());
        } catch (IOException e) {
            return new StoredItem(rec, null, "not valid JSON: " + e.getMessage());
        }
    }

    /** Decrypts an entry of format 1 or 2 under this backup's binding (see {@link EntryBinding}); used by the check too. */
    byte[] decrypt(ObjectRecord rec, byte[] stored, String archive) throws DecryptionException {
        return AesGcm.decrypt(key.orElseThrow(), stored, binding.associatedData(rec.resource(), rec.path()),
                rec.path() + " in " + archive, binding.mismatchHint());
    }

    private static ArchivePaths.Parsed safeParse(String path) {
        try {
            return ArchivePaths.parse(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Every object of every type, in the manifest's order. */
    public List<StoredItem> readAll() throws IOException, InterruptedException {
        List<StoredItem> out = new ArrayList<>();
        for (BackupManifest.TypeSummary t : manifest.types()) {
            forEach(t.resource(), r -> true, out::add);
        }
        return out;
    }

    /** A fresh file for a verified copy of an archive, in this reader's own temporary directory. */
    synchronized Path newCopy(String resource) throws IOException {
        if (copies == null) {
            copies = Files.createTempDirectory("k8s-backup-" + name + "-");
        }
        return Files.createTempFile(copies, "archive-", ".tar.zst");
    }

    /**
     * From now on, {@code resource} is read from {@code copy}, which the check verified: by size and SHA-256, and with
     * {@code entriesChecked} every entry against its record too, which reading it then does not do again.
     */
    void useVerifiedCopy(String resource, Path copy, boolean entriesChecked) throws IOException {
        if (entriesChecked) {
            entriesVerified.add(resource);
        } else {
            entriesVerified.remove(resource);
        }
        Path old = verifiedCopies.put(resource, copy);
        if (old != null && !old.equals(copy)) {
            Files.deleteIfExists(old);
        }
    }

    /** Deletes the verified copies. */
    @Override
    public synchronized void close() throws IOException {
        verifiedCopies.clear();
        entriesVerified.clear();
        if (copies != null) {
            try (Stream<Path> files = Files.walk(copies)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            copies = null;
        }
    }
}
