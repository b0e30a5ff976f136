package io.jenkins.plugins.k8sbackup.archive;

/**
 * One stored object, as listed in the backup's index ({@code objects.jsonl.zst}, one JSON line each).
 * {@code sha256} and {@code size} are of the object's bytes in the archive entry. In format 1 and 2 an encrypted
 * entry holds its own ciphertext, and they are of that ciphertext; from format 3 on an entry holds the JSON, and for
 * an object of an encrypted archive {@code sha256} is its keyed digest ({@code crypto.ObjectDigest}): either way a
 * hash never helps guess a secret. {@code frameOffset} and {@code frameSegment} (format 3 on; null before) say where
 * the zstd frame holding the entry starts in the stored archive and which segment (or frame) number it is.
 */
public record ObjectRecord(String path, String resource, String apiVersion, String kind, String namespace,
                           String name, String sha256, long size, boolean encrypted, Long frameOffset,
                           Integer frameSegment) {
    /** A record without a frame (format 1 and 2, or an object that is not in an archive). */
    public ObjectRecord(String path, String resource, String apiVersion, String kind, String namespace, String name,
                        String sha256, long size, boolean encrypted) {
        this(path, resource, apiVersion, kind, namespace, name, sha256, size, encrypted, null, null);
    }
}
