package io.jenkins.plugins.k8sbackup.catalog;

import java.io.IOException;

/** A new backup's name is already that of a complete backup: nothing was stored. */
public class BackupNameTakenException extends IOException {
    private static final long serialVersionUID = 1L;

    public BackupNameTakenException(String message) {
        super(message);
    }
}
