package io.jenkins.plugins.k8sbackup.jenkins.engine;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A jenkinsBackup or jenkinsRestore as the step received it (mirrors the engine's JenkinsBackupOptions /
 * JenkinsRestoreOptions). {@code masterKeyKey} encrypts master.key into its own object; without it
 * master.key is not stored.
 */
public record JenkinsHomeRequest(String name, String mode, boolean includeBuilds, List<String> excludes,
                                 Integer keepLastFull, Map<String, String> labels, BackupRef restoreRef,
                                 String restoreTarget, boolean preview, boolean clean, EncryptionKey encryptionKey,
                                 EncryptionKey masterKeyKey) implements Serializable {
    public JenkinsHomeRequest {
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
