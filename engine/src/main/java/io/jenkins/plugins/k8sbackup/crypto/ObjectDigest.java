package io.jenkins.plugins.k8sbackup.crypto;

import java.util.HexFormat;

/**
 * The index's digest of an object stored in an encrypted archive (format 3 on): HMAC-SHA-256 of the object's JSON
 * under HKDF-Expand(encryption key, {@value #INFO}). A plain SHA-256 of the plaintext in the unencrypted index would
 * let anyone holding the backup test guesses of a Secret's content; this one needs the key.
 */
public final class ObjectDigest {
    static final String INFO = "k8s-backup object digest v3";

    private ObjectDigest() {}

    /** Lower-case hex, 64 digits, like the SHA-256 it stands in for. */
    public static String hex(EncryptionKey key, byte[] json) {
        return HexFormat.of().formatHex(Hkdf.hmac(Hkdf.expand(key, INFO), json));
    }
}
