package io.jenkins.plugins.k8sbackup.catalog;

/**
 * What a listing tells about a backup's encryption, as its manifest records it; never key material.
 * {@code mode}: {@code none}, {@code secrets} (only Secrets encrypted), {@code all}, or {@value #UNKNOWN} when the
 * manifest does not say (or is not read). {@code keySource}: {@code key} (given as a key), {@code passphrase} (the
 * manifest records the PBKDF2 derivation of its key), {@value #UNKNOWN} (encrypted, but the manifest cannot tell:
 * JENKINS_HOME and etcd backups, Kubernetes backups before format 3), null when not encrypted.
 * {@code keyFingerprint}: the recorded fingerprint of the key (of the derived key for a passphrase), or null.
 */
public record BackupEncryption(String mode, String keySource, String keyFingerprint) {
    public static final String UNKNOWN = "?";
    public static final BackupEncryption NONE = new BackupEncryption("none", null, null);
    public static final BackupEncryption NOT_KNOWN = new BackupEncryption(UNKNOWN, null, null);
    /** Characters of the fingerprint a table shows: enough to tell keys apart by eye. */
    static final int SHORT_FINGERPRINT = 8;

    public boolean encrypted() {
        return !"none".equals(mode) && !UNKNOWN.equals(mode);
    }

    /** For a table column: {@code none}, {@code secrets (passphrase)}, {@code all key 1a2b3c4d}, {@code ?}. */
    public String text() {
        if (!encrypted()) {
            return mode;
        }
        if ("passphrase".equals(keySource)) {
            return mode + " (passphrase)";
        }
        return keyFingerprint == null ? mode
                : mode + " key " + keyFingerprint.substring(0, Math.min(SHORT_FINGERPRINT, keyFingerprint.length()));
    }
}
