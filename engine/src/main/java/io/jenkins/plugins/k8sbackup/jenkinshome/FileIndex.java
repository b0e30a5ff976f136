package io.jenkins.plugins.k8sbackup.jenkinshome;

import java.util.List;

/**
 * The per-backup file list, stored beside the archive (encrypted with it): every file in this backup's archive,
 * the paths deleted since the base full (diff only), and the plugin list. Paths are relative to JENKINS_HOME.
 */
public record FileIndex(int formatVersion, String backupName, List<FileEntry> files, List<String> deletions,
                        List<String> plugins) {
    public static final int FORMAT_VERSION = 1;

    public FileIndex {
        files = files == null ? List.of() : List.copyOf(files);
        deletions = deletions == null ? List.of() : List.copyOf(deletions);
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
    }
}
