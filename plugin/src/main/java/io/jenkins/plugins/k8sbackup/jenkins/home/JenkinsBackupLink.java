package io.jenkins.plugins.k8sbackup.jenkins.home;

import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import jenkins.model.Jenkins;

/** Manage Jenkins » JENKINS_HOME backups: the periodic backup's schedule and its last result. Administrators only. */
@Extension
public class JenkinsBackupLink extends ManagementLink {

    @Override
    public String getIconFileName() {
        return "symbol-folder";
    }

    @Override
    public String getDisplayName() {
        return "JENKINS_HOME backups";
    }

    @Override
    public String getUrlName() {
        return "k8s-backup-jenkins-home";
    }

    @Override
    public String getDescription() {
        return "Schedule and last result of the periodic JENKINS_HOME backup (k8s-backup).";
    }

    @Override
    public Permission getRequiredPermission() {
        return Jenkins.ADMINISTER;
    }

    public K8sBackupConfiguration getConfiguration() {
        return K8sBackupConfiguration.get();
    }

    public ScheduledBackupResult getLastResult() {
        return PeriodicJenkinsBackup.get().getLastResult();
    }

    public boolean isScheduled() {
        K8sBackupConfiguration c = getConfiguration();
        return c.getFullBackupSchedule() != null || c.getDiffBackupSchedule() != null;
    }
}
