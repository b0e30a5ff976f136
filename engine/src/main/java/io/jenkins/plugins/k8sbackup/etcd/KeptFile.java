package io.jenkins.plugins.k8sbackup.etcd;

/**
 * One control-plane file kept with an etcd snapshot, as the manifest lists it. {@code set} is "pki" (then
 * {@code path} is relative to the PKI directory recorded in the manifest) or "file" (then {@code path} is the
 * file's absolute path when it was kept). {@code object} is the stored object, relative to the snapshot's prefix.
 * {@code mode} is octal like "0600"; {@code sha256} and {@code size} describe the plain file, {@code storedSha256}
 * the stored object. {@code secret} names why the file is a secret (stored only encrypted), or is null.
 */
public record KeptFile(String set, String path, String object, String mode, long size, String sha256,
                       boolean encrypted, String storedSha256, String secret) {
    public static final String PKI = "pki";
    public static final String FILE = "file";

    /** Where the file goes below a restore target: its path, made relative for "file" entries. */
    public String relativeTarget() {
        return relative(set, path);
    }

    static String relative(String set, String path) {
        return FILE.equals(set) && path.startsWith("/") ? path.substring(1) : path;
    }

    /** The mode to restore: the recorded one, but never wider than 0600 for a secret. */
    public int restoreMode() {
        int recorded = mode == null ? (secret != null ? 0600 : 0644) : Integer.parseInt(mode, 8);
        return secret != null ? recorded & 0600 : recorded;
    }

    static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
