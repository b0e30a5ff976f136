package io.jenkins.plugins.k8sbackup.jenkins.storage;

import hudson.AbortException;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

/**
 * Where backups are stored, as the {@code storage:} argument of every step: {@code s3(...)},
 * {@code directory(path: ...)} or {@code location('name')} for one an administrator predefined.
 */
public abstract class BackupLocation implements Describable<BackupLocation>, ExtensionPoint {

    /** On the controller: checks the caller may use this location and resolves its credentials. */
    public abstract ResolvedStorage resolve(LocationContext context) throws AbortException;

    public abstract static class BackupLocationDescriptor extends Descriptor<BackupLocation> {
        /** Whether an administrator can predefine this kind of location in the global configuration. */
        public boolean isPredefinable() {
            return true;
        }
    }
}
