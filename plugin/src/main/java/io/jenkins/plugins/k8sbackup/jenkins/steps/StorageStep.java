package io.jenkins.plugins.k8sbackup.jenkins.steps;

import io.jenkins.plugins.k8sbackup.jenkins.storage.BackupLocation;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import org.kohsuke.stapler.DataBoundSetter;

/** Steps that read or write a backup location, optionally encrypted with a key from a credential. */
public abstract class StorageStep<T> extends BaseStep<T> {
    private BackupLocation storage;
    private String encryptionCredentialsId;

    public BackupLocation getStorage() {
        return storage;
    }

    @DataBoundSetter
    public void setStorage(BackupLocation storage) {
        this.storage = storage;
    }

    public String getEncryptionCredentialsId() {
        return encryptionCredentialsId;
    }

    @DataBoundSetter
    public void setEncryptionCredentialsId(String encryptionCredentialsId) {
        this.encryptionCredentialsId = Forms.trimToNull(encryptionCredentialsId);
    }
}
