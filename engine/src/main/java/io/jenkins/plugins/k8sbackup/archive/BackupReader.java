package io.jenkins.plugins.k8sbackup.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.ZstdInputStream;
import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.crypto.AesGcm;
import io.jenkins.plugins.k8sbackup.crypto.DecryptionException;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a complete Kubernetes backup. Every object handed out has a checked path, a SHA-256 equal to the
 * one in the index, and is decrypted; an object that fails any of that is handed out as a
 * {@link StoredItem} with an error, so one bad object never stops a restore.
 */
public final class BackupReader {
    private final BackupStorage storage;
    private final String name;
    private final BackupManifest manifest;
    private final Optional<EncryptionKey> key;
    private Map<String, ObjectRecord> index;

    private BackupReader(BackupStorage storage, String name, BackupManifest manifest, Optional<EncryptionKey> key) {
        this.storage = storage;
        this.name = name;
        this.manifest = manifest;
        this.key = key;
    }

    /**
     * Opens a restorable backup. Fails clearly when the backup is missing, incomplete, failed, or holds
     * encrypted objects and no key was given.
     */
    public static BackupReader open(BackupStorage storage, String name, Optional<EncryptionKey> key) throws IOException {
        BackupManifest manifest = new BackupCatalog(storage, BackupKind.KUBERNETES).requireManifest(name, BackupManifest.class);
        if (!manifest.status().restorable()) {
            throw new IOException("backup '" + name + "' has status " + manifest.status() + " and cannot be restored");
        }
        if (manifest.hasEncryptedObjects()) {
            String fp = manifest.encryption().keyFingerprint();
            if (key.isEmpty()) {
                throw new DecryptionException("backup '" + name + "' holds " + manifest.encryption().encryptedObjects()
                        + " encrypted objects: give the encryption key (fingerprint " + fp + ")");
            }
            if (fp != null && !fp.equals(key.get().fingerprint())) {
                throw new DecryptionException("backup '" + name + "' was encrypted with key " + fp
                        + ", not with the key given (" + key.get().fingerprint() + ")");
            }
        }
        return new BackupReader(storage, name, manifest, key);
    }

    public BackupManifest manifest() {
        return manifest;
    }

    public String name() {
        return name;
    }

    /** Hook output captured at backup time (e.g. a dump), checked and decrypted when read. */
    public io.jenkins.plugins.k8sbackup.hooks.ArtifactSource artifacts() {
        return io.jenkins.plugins.k8sbackup.hooks.ArtifactSource.of(storage, name, manifest.artifacts(), key);
    }

    /** The per-object index, checked against the manifest's SHA-256. Loaded once, on first use. */
    public synchronized Map<String, ObjectRecord> index() throws IOException {
        if (index == null) {
            byte[] raw = storage.read(BackupKind.KUBERNETES.keyOf(name, manifest.index().key()));
            if (!Sha256.hex(raw).equals(manifest.index().sha256())) {
                throw new IOException("backup '" + name + "': the object index is corrupt (SHA-256 mismatch)");
            }
            Map<String, ObjectRecord> map = new HashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new ZstdInputStream(new java.io.ByteArrayInputStream(raw)), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    ObjectRecord rec = Json.MAPPER.readValue(line, ObjectRecord.class);
                    ArchivePaths.parse(rec.path());
                    map.put(rec.path(), rec);
                }
            }
            index = map;
        }
        return index;
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

    /** Streams one type's archive; {@code wanted} filters on the index record before anything is decrypted. */
    public void forEach(String resource, java.util.function.Predicate<ObjectRecord> wanted, ItemVisitor visitor)
            throws IOException, InterruptedException {
        BackupManifest.TypeSummary type = manifest.types().stream().filter(t -> t.resource().equals(resource)).findFirst()
                .orElse(null);
        if (type == null) {
            return;
        }
        Map<String, ObjectRecord> idx = index();
        try (InputStream raw = storage.open(BackupKind.KUBERNETES.keyOf(name, type.archive()));
             TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String path = entry.getName();
                ObjectRecord rec = idx.get(path);
                if (rec == null || !entry.isFile()) {
                    ArchivePaths.Parsed p = safeParse(path);
                    visitor.visit(new StoredItem(new ObjectRecord(path, resource, null, null,
                            p == null ? null : p.namespace(), p == null ? path : p.name(), null, entry.getSize(), false),
                            null, "entry '" + path + "' is not in the backup's index (tampered archive?)"));
                    continue;
                }
                if (!wanted.test(rec)) {
                    continue;
                }
                byte[] stored = tar.readAllBytes();
                visitor.visit(decode(rec, stored));
            }
        }
    }

    private StoredItem decode(ObjectRecord rec, byte[] stored) {
        if (!Sha256.hex(stored).equals(rec.sha256())) {
            return new StoredItem(rec, null, "SHA-256 mismatch: the stored object is corrupt or was altered");
        }
        try {
            byte[] json = rec.encrypted() ? AesGcm.decrypt(key.orElseThrow(), stored, rec.path()) : stored;
            return new StoredItem(rec, Json.MAPPER.readTree(json), null);
        } catch (DecryptionException e) {
            return new StoredItem(rec, null, e.getMessage());
        } catch (IOException e) {
            return new StoredItem(rec, null, "not valid JSON: " + e.getMessage());
        }
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
}
