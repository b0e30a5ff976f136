package io.jenkins.plugins.k8sbackup.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.crypto.ManifestMac;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Damage done to a stored Kubernetes backup through the storage API (so the same on a directory and on S3), as an
 * accident (a flipped byte, a cut-off upload, a lost file) or someone with write access to the bucket would do it:
 * swap files between backups, edit the manifest, and re-seal a backup so that every SHA-256 matches again.
 */
public final class BackupDamage {
    private final BackupStorage storage;

    public BackupDamage(BackupStorage storage) {
        this.storage = storage;
    }

    public static String archive(String backup, String resource) {
        return "backups/" + backup + "/resources/" + resource + ".tar.zst";
    }

    public static String manifestKey(String backup) {
        return "backups/" + backup + "/manifest.json";
    }

    public static String macKey(String backup) {
        return "backups/" + backup + "/manifest.json.mac";
    }

    public static String indexKey(String backup) {
        return "backups/" + backup + "/objects.jsonl.zst";
    }

    /** Flips the lowest bit of the byte in the middle of a stored file. */
    public void flipByte(String key) throws IOException {
        byte[] data = storage.read(key);
        data[data.length / 2] ^= 0x01;
        storage.write(key, data);
    }

    /** Keeps the first {@code keep} bytes of a stored file, as a cut-off upload would. */
    public void truncate(String key, int keep) throws IOException {
        byte[] data = storage.read(key);
        storage.write(key, java.util.Arrays.copyOf(data, keep));
    }

    public void delete(String key) throws IOException {
        storage.deletePrefix(key);
    }

    public void copy(String from, String to) throws IOException {
        storage.write(to, storage.read(from));
    }

    public ObjectNode manifest(String backup) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(storage.read(manifestKey(backup)));
    }

    /** Edits manifest.json in place, leaving its MAC as it is. */
    public void editManifest(String backup, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode m = manifest(backup);
        edit.accept(m);
        storage.write(manifestKey(backup), Json.PRETTY.writeValueAsBytes(m));
    }

    /** Takes a type out of the manifest (its archive and index records stay). */
    public void removeType(String backup, String resource) throws IOException {
        editManifest(backup, m -> {
            var types = m.withArray("types");
            for (int i = types.size() - 1; i >= 0; i--) {
                if (types.get(i).path("resource").asText().equals(resource)) {
                    types.remove(i);
                }
            }
        });
    }

    /** The index records, in stored order. */
    public List<ObjectNode> index(String backup) throws IOException {
        List<ObjectNode> records = new ArrayList<>();
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(
                new ZstdInputStream(new ByteArrayInputStream(storage.read(indexKey(backup)))), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                records.add((ObjectNode) Json.MAPPER.readTree(line));
            }
        }
        return records;
    }

    /** Replaces the index; with {@code updateManifest}, the manifest's record of it too (as a careful forger would). */
    public void writeIndex(String backup, List<ObjectNode> records, boolean updateManifest) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(out)) {
            for (ObjectNode r : records) {
                z.write((Json.MAPPER.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = out.toByteArray();
        storage.write(indexKey(backup), bytes);
        if (updateManifest) {
            editManifest(backup, m -> {
                ((ObjectNode) m.get("index")).put("bytes", bytes.length).put("sha256", Sha256.hex(bytes));
            });
        }
    }

    /** How a re-seal changes one stored entry (path, bytes) into the bytes to store instead. */
    public interface EntryRewrite {
        byte[] apply(String resource, String path, byte[] stored) throws IOException;
    }

    /**
     * Re-seals a backup after its files were changed: every archive is unpacked, its entries rewritten, packed again,
     * and the index records, the manifest's archive and index sizes and SHA-256s updated to match. With {@code macKey}
     * the manifest is signed again (a forger holding the key, or a test of what stands behind the MAC).
     */
    public void reseal(String backup, EncryptionKey macKey, EntryRewrite rewrite) throws IOException {
        Map<String, ObjectNode> records = new LinkedHashMap<>();
        for (ObjectNode r : index(backup)) {
            records.put(r.path("path").asText(), r);
        }
        ObjectNode m = manifest(backup);
        for (JsonNode t : m.path("types")) {
            String key = "backups/" + backup + "/" + t.path("archive").asText();
            String resource = t.path("resource").asText();
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            try (TarArchiveInputStream in = new TarArchiveInputStream(new ZstdInputStream(new ByteArrayInputStream(storage.read(key))));
                 TarArchiveOutputStream out = new TarArchiveOutputStream(new ZstdOutputStream(packed))) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                TarArchiveEntry e;
                while ((e = in.getNextEntry()) != null) {
                    byte[] data = rewrite.apply(resource, e.getName(), in.readAllBytes());
                    TarArchiveEntry copy = new TarArchiveEntry(e.getName());
                    copy.setSize(data.length);
                    out.putArchiveEntry(copy);
                    out.write(data);
                    out.closeArchiveEntry();
                    ObjectNode rec = records.get(e.getName());
                    if (rec != null) {
                        rec.put("sha256", Sha256.hex(data)).put("size", data.length);
                    }
                }
            }
            byte[] archive = packed.toByteArray();
            storage.write(key, archive);
            ((ObjectNode) t).put("archiveBytes", archive.length).put("archiveSha256", Sha256.hex(archive));
        }
        storage.write(manifestKey(backup), Json.PRETTY.writeValueAsBytes(m));
        writeIndex(backup, new ArrayList<>(records.values()), true);
        if (macKey != null) {
            sign(backup, macKey);
        }
    }

    /** One entry of an archive, as {@link #repack} hands them out and takes them back. */
    public record Entry(String path, byte[] data) {}

    /**
     * Packs one type's archive again from the entries {@code edit} returns, leaving the index as it is, and makes the
     * manifest's size and SHA-256 of every archive match what is stored: the archive then disagrees with its index
     * only, as a writer bug would leave it, or a forger rewriting an unsigned manifest.
     */
    public void repack(String backup, String resource, java.util.function.UnaryOperator<List<Entry>> edit) throws IOException {
        String key = archive(backup, resource);
        List<Entry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ZstdInputStream(new ByteArrayInputStream(storage.read(key))))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.add(new Entry(e.getName(), in.readAllBytes()));
            }
        }
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new ZstdOutputStream(packed))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : edit.apply(entries)) {
                TarArchiveEntry e = new TarArchiveEntry(entry.path());
                e.setSize(entry.data().length);
                out.putArchiveEntry(e);
                out.write(entry.data());
                out.closeArchiveEntry();
            }
        }
        storage.write(key, packed.toByteArray());
        resign(backup, null);
    }

    /**
     * Makes the manifest's archive sizes and SHA-256s match the archives as stored now, without unpacking them (an
     * encrypted format 3 archive cannot be unpacked without its backup's binding), and with {@code macKey} signs the
     * manifest again.
     */
    public void resign(String backup, EncryptionKey macKey) throws IOException {
        ObjectNode m = manifest(backup);
        for (JsonNode t : m.path("types")) {
            byte[] archive = storage.read("backups/" + backup + "/" + t.path("archive").asText());
            ((ObjectNode) t).put("archiveBytes", archive.length).put("archiveSha256", Sha256.hex(archive));
        }
        storage.write(manifestKey(backup), Json.PRETTY.writeValueAsBytes(m));
        if (macKey != null) {
            sign(backup, macKey);
        }
    }

    /** Writes a MAC for the manifest as it is stored now. */
    public void sign(String backup, EncryptionKey key) throws IOException {
        storage.write(macKey(backup), ManifestMac.of(key, storage.read(manifestKey(backup))).getBytes(StandardCharsets.US_ASCII));
    }
}
