package io.jenkins.plugins.k8sbackup.catalog;

import java.io.IOException;

/** Refused because another run holds a live lease on the backup: it is being written, read or deleted. */
public class BackupInUseException extends IOException {
    private static final long serialVersionUID = 1L;

    public BackupInUseException(String message) {
        super(message);
    }
}
