package io.jenkins.plugins.k8sbackup.crypto;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The MAC that binds a manifest to the holder of the encryption key: HMAC-SHA-256 over the manifest's exact stored
 * bytes, keyed with HKDF-Expand-SHA256(PRK = the 32-byte encryption key, info = {@value #INFO}, L = 32), i.e.
 * HMAC-SHA-256(key, info || 0x01). Deriving a key of its own keeps the MAC and AES-GCM from ever sharing one.
 */
public final class ManifestMac {
    static final String INFO = "k8s-backup manifest mac v1";

    private ManifestMac() {}

    /** Lower-case hex of the MAC of {@code manifestBytes}. */
    public static String of(EncryptionKey key, byte[] manifestBytes) {
        return HexFormat.of().formatHex(hmac(macKey(key), manifestBytes));
    }

    /** Constant-time comparison of a stored MAC (hex, surrounding whitespace ignored) with the bytes' own. */
    public static boolean matches(EncryptionKey key, byte[] manifestBytes, String storedHex) {
        byte[] stored;
        try {
            stored = HexFormat.of().parseHex(storedHex.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(stored, hmac(macKey(key), manifestBytes));
    }

    static byte[] macKey(EncryptionKey key) {
        return Hkdf.expand(key, INFO);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        return Hkdf.hmac(key, data);
    }
}
