package io.jenkins.plugins.k8sbackup.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 and HKDF-Expand-SHA256 (RFC 5869) of one 32-byte output block: the keys of their own that the MACs
 * and digests derive from the encryption key, so that no two uses ever share a key.
 */
final class Hkdf {
    private static final String HMAC = "HmacSHA256";

    private Hkdf() {}

    /** HKDF-Expand(PRK = {@code key}, info, L = 32), i.e. HMAC-SHA-256(key, info || 0x01). */
    static byte[] expand(EncryptionKey key, String info) {
        byte[] label = info.getBytes(StandardCharsets.US_ASCII);
        byte[] input = Arrays.copyOf(label, label.length + 1);
        input[label.length] = 1; // HKDF-Expand's block counter: T(1) is all 32 bytes needed
        return hmac(key.secretKey().getEncoded(), input);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        return newMac(key).doFinal(data);
    }

    /** HMAC-SHA-256 keyed with {@code key}; {@code doFinal} leaves it ready for the next message under that key. */
    static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
        }
    }
}
