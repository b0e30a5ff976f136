package io.jenkins.plugins.k8sbackup.jenkinshome;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a JENKINS_HOME backup needs; build with {@link #builder(Path)}.
 *
 * @param name                   backup name; null generates {@code jenkins-<utc time>-<mode>}
 * @param encryptionKey          encrypts archive and index (AES-256-GCM); null stores them plain
 * @param masterKeyEncryptionKey encrypts secrets/master.key into its own object; null leaves master.key out
 * @param keepLastFull           after a successful backup keep this many full sets (a full plus its diffs); null keeps all
 * @param failFast               abort (leaving no complete backup) on the first unreadable file instead of warning
 * @param rehashAll              re-read every file in a diff, even one whose size/mtime/ctime/inode match the full
 * @param quietWait              optional bounded wait for other running builds; null does not wait
 */
public record JenkinsBackupOptions(Path home, String name, BackupMode mode, SelectionSpec selection,
                                   EncryptionKey encryptionKey, EncryptionKey masterKeyEncryptionKey,
                                   Integer keepLastFull, boolean failFast, boolean rehashAll, QuietWait quietWait,
                                   Map<String, String> labels) {

    public JenkinsBackupOptions {
        if (home == null) {
            throw new IllegalArgumentException("the JENKINS_HOME directory is required");
        }
        if (name != null) {
            BackupCatalog.checkName(name);
        }
        mode = mode == null ? BackupMode.AUTO : mode;
        selection = selection == null ? SelectionSpec.DEFAULTS : selection;
        if (keepLastFull != null && keepLastFull < 1) {
            throw new IllegalArgumentException("keepLastFull must be at least 1, got " + keepLastFull);
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static Builder builder(Path home) {
        return new Builder(home);
    }

    public static final class Builder {
        private final Path home;
        private String name;
        private BackupMode mode = BackupMode.AUTO;
        private SelectionSpec selection = SelectionSpec.DEFAULTS;
        private EncryptionKey encryptionKey;
        private EncryptionKey masterKeyEncryptionKey;
        private Integer keepLastFull;
        private boolean failFast;
        private boolean rehashAll;
        private QuietWait quietWait;
        private final Map<String, String> labels = new LinkedHashMap<>();

        private Builder(Path home) {
            this.home = home;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder mode(BackupMode v) { mode = v; return this; }
        public Builder selection(SelectionSpec v) { selection = v; return this; }
        public Builder encryptionKey(EncryptionKey v) { encryptionKey = v; return this; }
        public Builder masterKeyEncryptionKey(EncryptionKey v) { masterKeyEncryptionKey = v; return this; }
        public Builder keepLastFull(Integer v) { keepLastFull = v; return this; }
        public Builder failFast(boolean v) { failFast = v; return this; }
        public Builder rehashAll(boolean v) { rehashAll = v; return this; }
        public Builder quietWait(QuietWait v) { quietWait = v; return this; }
        public Builder label(String key, String value) { labels.put(key, value); return this; }

        public JenkinsBackupOptions build() {
            return new JenkinsBackupOptions(home, name, mode, selection, encryptionKey, masterKeyEncryptionKey,
                    keepLastFull, failFast, rehashAll, quietWait, labels);
        }
    }
}
