package io.jenkins.plugins.k8sbackup.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key. Accepted encodings: 32 raw bytes, or text holding 64 hex digits or base64 of 32 bytes; or a
 * passphrase, from which each Kubernetes backup derives a key of its own (see {@link KeyDerivation}).
 * {@link #toString()} and {@link #fingerprint()} never reveal the key or the passphrase.
 */
public final class EncryptionKey implements java.io.Serializable {
    private static final long serialVersionUID = 2L;
    private final byte[] key;
    /** The passphrase this key was made from, or null for a key given as such. */
    private final char[] passphrase;
    /** How {@link #key} was derived from the passphrase; null: the unsalted SHA-256 of format 1 and 2 (or no passphrase). */
    private final KeyDerivation derivation;
    /** Keys derived from this passphrase, by parameters: a backup is read several times, PBKDF2 runs once. */
    private transient Map<KeyDerivation, EncryptionKey> derived;

    private EncryptionKey(byte[] key) {
        this(key, null, null);
    }

    private EncryptionKey(byte[] key, char[] passphrase, KeyDerivation derivation) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an encryption key must be 256 bits (32 bytes); got " + key.length + " bytes");
        }
        this.key = key.clone();
        this.passphrase = passphrase == null ? null : passphrase.clone();
        this.derivation = derivation;
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

    /**
     * A passphrase (from a secret-text credential or a passphrase file); text that decodes as a key is that key. As it
     * stands it is the unsalted SHA-256 of the passphrase, the derivation of format 1 and 2 backups (and of JENKINS_HOME
     * and etcd archives); a Kubernetes backup uses {@link #forNewBackup()} and {@link #forBackup(KeyDerivation)}.
     */
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
                    return new EncryptionKey(MessageDigest.getInstance("SHA-256").digest(material),
                            passphrase.toCharArray(), null);
                }
            }
            return new EncryptionKey(material);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key a new backup encrypts with: for a passphrase, one derived with a fresh salt; otherwise this key. */
    public EncryptionKey forNewBackup() {
        return passphrase == null ? this : forBackup(KeyDerivation.newPbkdf2());
    }

    /**
     * The key of a backup whose manifest records {@code recorded} (null: none, as before format 3). A key given as such
     * is itself whatever the manifest says (a wrong one fails by its fingerprint); a passphrase is derived as recorded.
     *
     * @throws IllegalArgumentException the recorded derivation is unknown or out of bounds
     */
    public EncryptionKey forBackup(KeyDerivation recorded) {
        if (recorded == null || passphrase == null) {
            return this;
        }
        synchronized (this) {
            if (derived == null) {
                derived = new HashMap<>();
            }
            return derived.computeIfAbsent(recorded, d -> new EncryptionKey(d.derive(passphrase), passphrase, d));
        }
    }

    /** How this key was derived from a passphrase, for the manifest; null for a key given as such or the old derivation. */
    public KeyDerivation keyDerivation() {
        return derivation;
    }

    /** Whether this key was made from a passphrase (so a backup's key depends on the salt its manifest records). */
    public boolean madeFromPassphrase() {
        return passphrase != null;
    }

    /**
     * What to tell a user about the key before a backup: a key's fingerprint; for a passphrase only how it is derived
     * (each backup's key, and so its fingerprint, depends on its salt; the old unsalted fingerprint would be a cheap
     * test of guessed passphrases).
     */
    public String describe() {
        if (passphrase == null) {
            return "key " + fingerprint();
        }
        return derivation == null ? "a passphrase (PBKDF2-HMAC-SHA256, " + KeyDerivation.DEFAULT_ITERATIONS
                + " iterations, salted per backup)" : "a passphrase (key fingerprint " + fingerprint() + ")";
    }

    SecretKey secretKey() {
        return new SecretKeySpec(key, "AES");
    }

    /**
     * First 8 bytes of SHA-256 of the key, hex: identifies which key a backup needs without revealing it. For a key
     * derived by PBKDF2 it is of the derived key, so testing a guessed passphrase against it costs the whole KDF, and it
     * differs between backups (their salts differ).
     */
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
        return passphrase != null && derivation == null ? "EncryptionKey[" + describe() + "]"
                : "EncryptionKey[fingerprint=" + fingerprint() + "]";
    }
}
