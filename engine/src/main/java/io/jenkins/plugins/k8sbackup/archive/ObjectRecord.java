package io.jenkins.plugins.k8sbackup.archive;

/**
 * One stored object, as listed in the backup's index ({@code objects.jsonl.zst}, one JSON line each).
 * {@code sha256} and {@code size} are of the bytes stored in the archive entry: the JSON itself, or for an
 * encrypted entry its ciphertext, so that a hash never helps guess a secret.
 */
public record ObjectRecord(String path, String resource, String apiVersion, String kind, String namespace,
                           String name, String sha256, long size, boolean encrypted) {}
