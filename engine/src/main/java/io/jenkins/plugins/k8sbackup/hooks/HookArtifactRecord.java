package io.jenkins.plugins.k8sbackup.hooks;

/**
 * A hook's captured stdout, stored at {@code path} below the backup ({@code artifacts/<ns>/<pod>/<hook>.out}).
 * {@code size} and {@code sha256} are of the stored bytes (ciphertext when {@code encrypted}).
 */
public record HookArtifactRecord(String namespace, String pod, String container, String hook, HookPhase phase,
                                 String path, long size, String sha256, boolean encrypted) {}
