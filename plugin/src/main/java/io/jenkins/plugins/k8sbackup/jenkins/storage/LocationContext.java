package io.jenkins.plugins.k8sbackup.jenkins.storage;

import hudson.FilePath;
import io.jenkins.plugins.k8sbackup.jenkins.credentials.CredentialResolver;

/**
 * What a {@link BackupLocation} needs to resolve itself for one step: the credentials of the build, the
 * workspace the work runs in (null when the work runs on the controller, e.g. JENKINS_HOME backups), and
 * whether the location was predefined by an administrator (which allows absolute directories).
 */
public record LocationContext(CredentialResolver credentials, FilePath workspace, boolean predefined) {
    public LocationContext asPredefined() {
        return new LocationContext(credentials, workspace, true);
    }

    public String stepName() {
        return credentials.stepName();
    }
}
