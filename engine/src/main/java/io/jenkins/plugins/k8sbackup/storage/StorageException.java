package io.jenkins.plugins.k8sbackup.storage;

import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.Fixable;
import java.io.IOException;

/** A storage failure with a message fit for a user: what failed, where, and the likely cause. */
public class StorageException extends IOException implements Fixable {
    private static final long serialVersionUID = 1L;

    private final Fix fix;

    /** Refused for a reason a setting fixes. */
    public StorageException(Fix fix) {
        super(fix.message());
        this.fix = fix;
    }

    @Override
    public Fix fix() {
        return fix;
    }

    public StorageException(String message) {
        super(message);
        this.fix = null;
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
        this.fix = null;
    }
}
