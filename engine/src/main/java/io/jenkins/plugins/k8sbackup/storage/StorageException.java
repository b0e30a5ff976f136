package io.jenkins.plugins.k8sbackup.storage;

import java.io.IOException;

/** A storage failure with a message fit for a user: what failed, where, and the likely cause. */
public class StorageException extends IOException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
