package io.jenkins.plugins.k8sbackup.hooks;

import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.crypto.DecryptingInputStream;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where hook artifacts live in a backup, and reading one back checked against its recorded sha256. */
public final class HookArtifacts {
    private static final Pattern PATH = Pattern.compile("artifacts/[a-z0-9][a-z0-9.-]*/[a-z0-9][a-z0-9.-]*/[A-Za-z0-9][A-Za-z0-9._-]*\\.out");

    private HookArtifacts() {}

    /** {@code artifacts/<ns>/<pod>/<hook>.out}; every segment is checked, so no name can escape the backup. */
    public static String path(String namespace, String pod, String hook) {
        String p = "artifacts/" + namespace + "/" + pod + "/" + hook + ".out";
        return checked(p);
    }

    static String checked(String path) {
        if (path == null || !PATH.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("invalid artifact path '" + path + "'");
        }
        return path;
    }

    /**
     * Opens an artifact for reading, decrypted. The stored bytes are first read once in full to check size
     * and sha256, so nothing corrupt or truncated is ever handed to a restore hook.
     */
    public static InputStream open(BackupStorage storage, String backup, HookArtifactRecord record,
                                   Optional<EncryptionKey> key) throws IOException {
        String damage = damage(storage, backup, record);
        if (damage != null) {
            throw new IOException("artifact " + record.path() + " of backup " + backup + " is corrupt: " + damage);
        }
        InputStream in = storage.open(BackupKind.KUBERNETES.keyOf(backup, checked(record.path())));
        if (!record.encrypted()) {
            return in;
        }
        if (key.isEmpty()) {
            in.close();
            throw new IOException("artifact " + record.path() + " is encrypted: the backup's encryption key is needed");
        }
        return new DecryptingInputStream(in, key.get(), record.path());
    }

    /**
     * What is wrong with the stored bytes of an artifact (size or sha256 other than the manifest's), or null.
     *
     * @throws java.io.FileNotFoundException the artifact is not in storage
     */
    public static String damage(BackupStorage storage, String backup, HookArtifactRecord record) throws IOException {
        String storageKey = BackupKind.KUBERNETES.keyOf(backup, checked(record.path()));
        MessageDigest digest = Sha256.newDigest();
        long size;
        try (InputStream in = new DigestInputStream(storage.open(storageKey), digest)) {
            size = in.transferTo(OutputStream.nullOutputStream());
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        if (size != record.size() || !sha.equals(record.sha256())) {
            return size + " bytes with sha256 " + sha + ", the manifest records " + record.size() + " bytes with " + record.sha256();
        }
        return null;
    }
}
