package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.crypto.AesGcm;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkinshome.SafePaths;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores kept files next to their snapshot, one object each under {@code etcd/<name>/pki/} or
 * {@code etcd/<name>/files/} (AES-256-GCM with the object key as associated data, {@code .enc}, when a key is
 * given), and reads them back checked against the manifest: all of them pass, or none is returned.
 */
final class KeptFileStore {
    private KeptFileStore() {}

    /** What {@link #store} wrote: the manifest entries and the bytes stored. */
    record Stored(List<KeptFile> files, long bytes) {}

    static Stored store(BackupStorage storage, String name, List<KeptFileReader.Read> reads, EncryptionKey key)
            throws IOException {
        List<KeptFile> kept = new ArrayList<>();
        long bytes = 0;
        for (KeptFileReader.Read r : reads) {
            String object = (KeptFile.PKI.equals(r.set()) ? "pki/" : "files/") + KeptFile.relative(r.set(), r.path())
                    + (key == null ? "" : ".enc");
            String storageKey = BackupKind.ETCD.keyOf(name, object);
            byte[] stored = key == null ? r.content() : AesGcm.encrypt(key, r.content(), storageKey);
            storage.write(storageKey, stored);
            bytes += stored.length;
            kept.add(new KeptFile(r.set(), r.path(), object, r.mode() < 0 ? null : KeptFile.octal(r.mode()),
                    r.content().length, Sha256.hex(r.content()), key != null, Sha256.hex(stored), r.secret()));
        }
        return new Stored(kept, bytes);
    }

    /** The plain content of every file, in manifest order, once each passed its checks. */
    static Map<KeptFile, byte[]> fetch(BackupStorage storage, String name, List<KeptFile> files, EncryptionKey key)
            throws EtcdSnapshotException {
        Map<KeptFile, byte[]> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (KeptFile f : files) {
            try {
                out.put(f, fetchOne(storage, name, f, key));
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new EtcdSnapshotException(problems.size() + " kept file(s) of '" + name + "' failed their checks, nothing"
                    + " was restored: " + String.join("; ", problems));
        }
        return out;
    }

    private static byte[] fetchOne(BackupStorage storage, String name, KeptFile f, EncryptionKey key) throws IOException {
        if (f.object() == null || SafePaths.problem(f.object()).isPresent()) {
            throw new IOException(f.path() + ": the manifest names an unsafe object '" + f.object() + "'");
        }
        String storageKey = BackupKind.ETCD.keyOf(name, f.object());
        byte[] stored;
        try {
            stored = storage.read(storageKey);
        } catch (java.io.FileNotFoundException missing) {
            throw new IOException(f.path() + ": stored object " + storageKey + " is missing");
        }
        if (!Sha256.hex(stored).equals(f.storedSha256())) {
            throw new IOException(f.path() + ": stored object " + storageKey + " does not match the SHA-256 in the manifest");
        }
        byte[] plain = stored;
        if (f.encrypted()) {
            if (key == null) {
                throw new IOException(f.path() + " is encrypted; give the snapshot's encryption key");
            }
            plain = AesGcm.decrypt(key, stored, storageKey);
        }
        if (plain.length != f.size() || !Sha256.hex(plain).equals(f.sha256())) {
            throw new IOException(f.path() + ": content does not match the size and SHA-256 in the manifest");
        }
        return plain;
    }
}
