package io.jenkins.plugins.k8sbackup.jenkins.home;

import io.jenkins.plugins.k8sbackup.jenkins.agent.BackupRef;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A jenkinsBackup or jenkinsRestore as the step (or the periodic backup) received it; {@link JenkinsHomeEngine}
 * maps it onto the engine's JenkinsBackupOptions / JenkinsRestoreOptions. {@code masterKeyKey} encrypts
 * master.key into its own object; without it master.key is not stored. {@code waitForBuilds} (null: no wait)
 * bounds the wait for other running builds; {@code failIfBusy} fails instead of proceeding when it passes.
 */
public record JenkinsHomeRequest(String name, String mode, boolean includeBuilds, List<String> excludes,
                                 Integer keepLastFull, Map<String, String> labels, BackupRef restoreRef,
                                 String restoreTarget, boolean preview, boolean clean, EncryptionKey encryptionKey,
                                 EncryptionKey masterKeyKey, Duration waitForBuilds, boolean failIfBusy) {
    public JenkinsHomeRequest {
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static JenkinsHomeRequest backup(String name, String mode, boolean includeBuilds, List<String> excludes,
                                            Integer keepLastFull, Map<String, String> labels, EncryptionKey encryptionKey,
                                            EncryptionKey masterKeyKey, Duration waitForBuilds, boolean failIfBusy) {
        return new JenkinsHomeRequest(name, mode, includeBuilds, excludes, keepLastFull, labels, null, null, false, false,
                encryptionKey, masterKeyKey, waitForBuilds, failIfBusy);
    }

    public static JenkinsHomeRequest restore(BackupRef ref, String target, boolean preview, boolean clean,
                                             EncryptionKey encryptionKey, EncryptionKey masterKeyKey) {
        return new JenkinsHomeRequest(null, null, false, List.of(), null, Map.of(), ref, target, preview, clean,
                encryptionKey, masterKeyKey, null, false);
    }
}
