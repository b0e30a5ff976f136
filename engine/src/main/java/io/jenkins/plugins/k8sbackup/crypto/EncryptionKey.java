package io.jenkins.plugins.k8sbackup.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key. Accepted encodings: 32 raw bytes, or text holding 64 hex digits or base64 of 32 bytes.
 * {@link #toString()} and {@link #fingerprint()} never reveal the key.
 */
public final class EncryptionKey implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] key;

    private EncryptionKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an encryption key must be 256 bits (32 bytes); got " + key.length + " bytes");
        }
        this.key = key.clone();
    }

    public static EncryptionKey ofBytes(byte[] raw) {
        return new EncryptionKey(raw);
    }

    /** Decodes hex or base64 text, or 32 raw bytes (as read from a key file). */
    public static EncryptionKey decode(byte[] material) {
        if (material.length == 32) {
            return new EncryptionKey(material);
        }
        String text = new String(material, StandardCharsets.US_ASCII).trim();
        if (text.matches("[0-9a-fA-F]{64}")) {
            return new EncryptionKey(HexFormat.of().parseHex(text));
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(text);
            if (decoded.length == 32) {
                return new EncryptionKey(decoded);
            }
        } catch (IllegalArgumentException notBase64) {
            // fall through to the common message
        }
        throw new IllegalArgumentException(
                "an encryption key must be 32 raw bytes, 64 hex digits or base64 of 32 bytes (e.g. `openssl rand -base64 32`)");
    }

    public static EncryptionKey fromFile(Path file) throws IOException {
        try {
            return decode(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + file + ": " + e.getMessage(), e);
        }
    }

    public static EncryptionKey fromEnvironment(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + variable + " holding the encryption key is not set");
        }
        try {
            return decode(value.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("environment variable " + variable + ": " + e.getMessage(), e);
        }
    }

    /** Derives a key from a passphrase (SHA-256), for keys that come from secret-text credentials. */
    public static EncryptionKey fromPassphrase(String passphrase) {
        if (passphrase == null || passphrase.length() < 16) {
            throw new IllegalArgumentException("an encryption passphrase must have at least 16 characters");
        }
        try {
            byte[] material = passphrase.getBytes(StandardCharsets.UTF_8);
            if (material.length != 32) {
                try {
                    return decode(material);
                } catch (IllegalArgumentException notEncodedKey) {
                    return new EncryptionKey(MessageDigest.getInstance("SHA-256").digest(material));
                }
            }
            return new EncryptionKey(material);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    SecretKey secretKey() {
        return new SecretKeySpec(key, "AES");
    }

    /** First 8 bytes of SHA-256 of the key, hex: identifies which key a backup needs without revealing it. */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(Arrays.copyOf(d, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "EncryptionKey[fingerprint=" + fingerprint() + "]";
    }
}
