package io.jenkins.plugins.k8sbackup.crypto;

import java.util.HexFormat;

/**
 * The index's digest of an object stored in an encrypted archive (format 3 on): HMAC-SHA-256 of the object's JSON
 * under HKDF-Expand(encryption key, {@value #INFO}). A plain SHA-256 of the plaintext in the unencrypted index would
 * let anyone holding the backup test guesses of a Secret's content; this one needs the key. One instance per key:
 * the derived key is computed once, not per object.
 */
public final class ObjectDigest {
    static final String INFO = "k8s-backup object digest v3";
    private final byte[] digestKey;

    private ObjectDigest(byte[] digestKey) {
        this.digestKey = digestKey;
    }

    public static ObjectDigest of(EncryptionKey key) {
        return new ObjectDigest(Hkdf.expand(key, INFO));
    }

    /** Lower-case hex, 64 digits, like the SHA-256 it stands in for. Thread-safe. */
    public String hex(byte[] json) {
        return HexFormat.of().formatHex(Hkdf.hmac(digestKey, json));
    }
}
