package io.jenkins.plugins.k8sbackup.storage;

import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.FixableException;

/** A storage failure with a message fit for a user: what failed, where, and the likely cause. */
public class StorageException extends FixableException {
    private static final long serialVersionUID = 1L;

    /** Refused for a reason a setting fixes. */
    public StorageException(Fix fix) {
        super(fix);
    }

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
