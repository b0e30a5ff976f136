package io.jenkins.plugins.k8sbackup.jenkins.home;

import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins » JENKINS_HOME backups: the periodic backup's schedule and its last result, and a restore (with a
 * preview and quiet mode) from the administrator's JENKINS_HOME location into the restore root. Administrators only:
 * the page requires Overall/Administer, and the restore action is {@code @POST} and checks it again.
 */
@Extension
public class JenkinsBackupLink extends ManagementLink {
    private transient volatile AdminRestore.Attempt lastRestore;

    @Override
    public String getIconFileName() {
        return "symbol-folder";
    }

    @Override
    public String getDisplayName() {
        return UiText.get("JenkinsBackupLink.DisplayName");
    }

    @Override
    public String getUrlName() {
        return "k8s-backup-jenkins-home";
    }

    @Override
    public String getDescription() {
        return UiText.get("JenkinsBackupLink.Description");
    }

    /** Listed with the other backup/restore tools of Manage Jenkins, not under "Uncategorized". */
    @Override
    public Category getCategory() {
        return Category.TOOLS;
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

    /** The backups a restore can choose from (lists the location: call it once per page view). */
    public AdminRestore.Listing getAvailableBackups() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return AdminRestore.available();
    }

    public AdminRestore.Attempt getLastRestore() {
        return lastRestore;
    }

    /** Restores (or previews) {@code backup} into {@code target} below the restore root, then shows the result. */
    @POST
    public HttpResponse doRestore(@QueryParameter String backup, @QueryParameter String target,
                                  @QueryParameter boolean preview, @QueryParameter boolean clean,
                                  @QueryParameter boolean quietDown) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        lastRestore = AdminRestore.run(backup, target, preview, clean, quietDown);
        return HttpResponses.redirectToDot();
    }

    public boolean isScheduled() {
        K8sBackupConfiguration c = getConfiguration();
        return c.getFullBackupSchedule() != null || c.getDiffBackupSchedule() != null;
    }
}
