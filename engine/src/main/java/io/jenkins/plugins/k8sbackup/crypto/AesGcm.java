package io.jenkins.plugins.k8sbackup.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM of one small blob (a Kubernetes object, a manifest). Layout: "K8BE", version 1, 12-byte
 * random nonce, ciphertext with its 16-byte tag. The caller's associated data (the entry path; for the entries of a
 * Kubernetes backup also the backup's identity, see {@code archive.EntryBinding}) is authenticated, so an encrypted
 * object cannot be moved to another path or backup unnoticed. Large files use {@link EncryptingOutputStream}.
 */
public final class AesGcm {
    static final byte[] MAGIC = {'K', '8', 'B', 'E'};
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {}

    public static byte[] encrypt(EncryptionKey key, byte[] plaintext, String associatedData) {
        return encrypt(key, plaintext, associatedData.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] encrypt(EncryptionKey key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(associatedData);
            byte[] body = c.doFinal(plaintext);
            return ByteBuffer.allocate(MAGIC.length + 1 + NONCE_BYTES + body.length)
                    .put(MAGIC).put((byte) 1).put(nonce).put(body).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    public static boolean isEncrypted(byte[] data) {
        return data.length > MAGIC.length && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** @throws DecryptionException on a wrong key, tampering, or data that is not ours */
    public static byte[] decrypt(EncryptionKey key, byte[] data, String associatedData) throws DecryptionException {
        return decrypt(key, data, associatedData.getBytes(StandardCharsets.UTF_8), associatedData, "");
    }

    /**
     * {@code what} names the blob in messages (the associated data may not be printable); {@code mismatchHint} says
     * what else a failed tag can mean beyond a wrong key or tampering.
     *
     * @throws DecryptionException on a wrong key, tampering, associated data that differs, or data that is not ours
     */
    public static byte[] decrypt(EncryptionKey key, byte[] data, byte[] associatedData, String what, String mismatchHint)
            throws DecryptionException {
        if (!isEncrypted(data) || data.length < MAGIC.length + 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw new DecryptionException(what + ": not an encrypted k8s-backup blob");
        }
        if (data[MAGIC.length] != 1) {
            throw new DecryptionException(what + ": unknown encryption format version " + data[MAGIC.length]);
        }
        int offset = MAGIC.length + 1;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key.secretKey(),
                    new GCMParameterSpec(TAG_BITS, data, offset, NONCE_BYTES));
            c.updateAAD(associatedData);
            return c.doFinal(data, offset + NONCE_BYTES, data.length - offset - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new DecryptionException(what + ": decryption failed: wrong key (fingerprint " + key.fingerprint()
                    + ") or tampered data" + mismatchHint);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }
}
