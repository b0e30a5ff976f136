package io.jenkins.plugins.k8sbackup.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * How a backup's AES key was derived from a passphrase, as recorded in its manifest: PBKDF2-HMAC-SHA256 (the JDK's
 * {@code SecretKeyFactory}) with a random 16-byte salt of its own and {@value #DEFAULT_ITERATIONS} iterations, the
 * OWASP Password Storage Cheat Sheet's figure for PBKDF2-HMAC-SHA256. Backups without one used the unsalted SHA-256
 * of the passphrase ({@link EncryptionKey#fromPassphrase}).
 */
public record KeyDerivation(String algorithm, String salt, int iterations) {
    public static final String PBKDF2_SHA256 = "PBKDF2WithHmacSHA256";
    public static final int DEFAULT_ITERATIONS = 600_000;
    static final int SALT_BYTES = 16;
    /** Below this a recorded count is refused: a manifest is read before its MAC can be checked with the key. */
    static final int MIN_ITERATIONS = 100_000;
    /** Above this too: an edited manifest must not make a reader spin for hours. */
    static final int MAX_ITERATIONS = 10_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Fresh parameters for a new backup. */
    public static KeyDerivation newPbkdf2() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new KeyDerivation(PBKDF2_SHA256, Base64.getEncoder().encodeToString(salt), DEFAULT_ITERATIONS);
    }

    /** The 32-byte key these parameters make of {@code passphrase}. */
    byte[] derive(char[] passphrase) {
        if (!PBKDF2_SHA256.equals(algorithm)) {
            throw new IllegalArgumentException("unknown key derivation '" + algorithm + "' (this version knows "
                    + PBKDF2_SHA256 + ")");
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("key derivation with " + iterations + " iterations refused (expected "
                    + MIN_ITERATIONS + " to " + MAX_ITERATIONS + ")");
        }
        byte[] saltBytes;
        try {
            saltBytes = Base64.getDecoder().decode(salt == null ? "" : salt);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key derivation's salt is not base64");
        }
        if (saltBytes.length < SALT_BYTES) {
            throw new IllegalArgumentException("the key derivation's salt is shorter than " + SALT_BYTES + " bytes");
        }
        PBEKeySpec spec = new PBEKeySpec(passphrase, saltBytes, iterations, 256);
        try {
            return SecretKeyFactory.getInstance(PBKDF2_SHA256).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(PBKDF2_SHA256 + " is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }
}
