package io.jenkins.plugins.k8sbackup.ops;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsBackupOptions;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsBackupResult;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeBackup;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeRestore;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestoreOptions;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestorePlan;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestoreReport;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.util.List;

/** A JENKINS_HOME backed up, previewed or restored from end to end, as the CLI and the Jenkins steps run it. */
public final class JenkinsHomeOperation {
    private JenkinsHomeOperation() {}

    public static JenkinsBackupResult backup(JenkinsBackupOptions options, StorageTarget target, ProgressListener progress)
            throws IOException {
        try (BackupStorage storage = target.open()) {
            return JenkinsHomeBackup.run(options, storage, progress);
        }
    }

    /** What {@link #restore} would do, writing nothing. */
    public static JenkinsRestorePlan preview(JenkinsRestoreOptions options, StorageTarget target, ProgressListener progress)
            throws IOException {
        try (BackupStorage storage = target.open()) {
            return JenkinsHomeRestore.preview(options, storage, progress);
        }
    }

    public static JenkinsRestoreReport restore(JenkinsRestoreOptions options, StorageTarget target, ProgressListener progress)
            throws IOException {
        try (BackupStorage storage = target.open()) {
            return JenkinsHomeRestore.restore(options, storage, progress);
        }
    }

    /** The JENKINS_HOME backups at the location, as the catalog lists them: to pick one by name, labels or age. */
    public static List<BackupSummary> backups(StorageTarget target) throws IOException {
        try (BackupStorage storage = target.open()) {
            return new BackupCatalog(storage, BackupKind.JENKINS_HOME).list();
        }
    }
}
