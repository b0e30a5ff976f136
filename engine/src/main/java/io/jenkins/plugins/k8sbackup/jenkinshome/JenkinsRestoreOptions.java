package io.jenkins.plugins.k8sbackup.jenkinshome;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import java.nio.file.Path;
import java.time.Duration;

/**
 * @param backupName             a full or differential backup; a diff brings its full along
 * @param target                 staging directory or the home of a stopped Jenkins
 * @param clean                  also delete files that are not in the backup, within the backup's selection only
 *                               (never build records, workspaces or anything outside the selection)
 * @param encryptionKey          the backup's key, when it is encrypted
 * @param masterKeyEncryptionKey restores secrets/master.key from its separate object; null leaves it alone
 * @param refuseIfRunning        refuse a target with a fresh .owner file (see {@link LiveHomeCheck})
 * @param pluginsTxt             where to write the plugin list; null: TARGET/plugins.txt
 */
public record JenkinsRestoreOptions(String backupName, Path target, boolean clean, EncryptionKey encryptionKey,
                                    EncryptionKey masterKeyEncryptionKey, boolean refuseIfRunning, Path pluginsTxt) {

    public JenkinsRestoreOptions {
        BackupCatalog.checkName(backupName);
        if (target == null) {
            throw new IllegalArgumentException("a target directory is required");
        }
    }

    public static Builder builder(String backupName, Path target) {
        return new Builder(backupName, target);
    }

    Duration ownerFreshness() {
        return LiveHomeCheck.DEFAULT_FRESHNESS;
    }

    public static final class Builder {
        private final String backupName;
        private final Path target;
        private boolean clean;
        private EncryptionKey encryptionKey;
        private EncryptionKey masterKeyEncryptionKey;
        private boolean refuseIfRunning = true;
        private Path pluginsTxt;

        private Builder(String backupName, Path target) {
            this.backupName = backupName;
            this.target = target;
        }

        public Builder clean(boolean v) { clean = v; return this; }
        public Builder encryptionKey(EncryptionKey v) { encryptionKey = v; return this; }
        public Builder masterKeyEncryptionKey(EncryptionKey v) { masterKeyEncryptionKey = v; return this; }
        public Builder refuseIfRunning(boolean v) { refuseIfRunning = v; return this; }
        public Builder pluginsTxt(Path v) { pluginsTxt = v; return this; }

        public JenkinsRestoreOptions build() {
            return new JenkinsRestoreOptions(backupName, target, clean, encryptionKey, masterKeyEncryptionKey,
                    refuseIfRunning, pluginsTxt);
        }
    }
}
