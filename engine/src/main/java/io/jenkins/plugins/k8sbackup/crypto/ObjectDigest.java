package io.jenkins.plugins.k8sbackup.crypto;

import java.util.HexFormat;
import javax.crypto.Mac;

/**
 * The index's digest of an object stored in an encrypted archive (format 3 on): HMAC-SHA-256 of the object's JSON
 * under HKDF-Expand(encryption key, {@value #INFO}). A plain SHA-256 of the plaintext in the unencrypted index would
 * let anyone holding the backup test guesses of a Secret's content; this one needs the key. One instance per key:
 * the derived key is computed once, not per object.
 */
public final class ObjectDigest {
    static final String INFO = "k8s-backup object digest v3";
    /**
     * The MAC keyed once, cloned for each object: looking up the provider and keying HMAC cost more than hashing an
     * object. A clone, not a MAC per thread: a thread-local would keep the derived key in long-lived threads (a
     * Jenkins agent's) after the backup is done.
     */
    private final Mac keyed;

    private ObjectDigest(byte[] digestKey) {
        this.keyed = Hkdf.newMac(digestKey);
    }

    public static ObjectDigest of(EncryptionKey key) {
        return new ObjectDigest(Hkdf.expand(key, INFO));
    }

    /** Lower-case hex, 64 digits, like the SHA-256 it stands in for. Thread-safe. */
    public String hex(byte[] json) {
        Mac mac;
        try {
            synchronized (keyed) { // cloning only reads the keyed state; the JCE promises no thread safety, so one at a time
                mac = (Mac) keyed.clone();
            }
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JVM's HMAC-SHA-256 cannot be cloned", e);
        }
        return HexFormat.of().formatHex(mac.doFinal(json));
    }
}
