package io.jenkins.plugins.k8sbackup.catalog;

import java.io.FileNotFoundException;

/** Nothing at all is stored under the name: no manifest, no data, no leftovers. */
public class NoSuchBackupException extends FileNotFoundException {
    private static final long serialVersionUID = 1L;

    public NoSuchBackupException(String message) {
        super(message);
    }
}
