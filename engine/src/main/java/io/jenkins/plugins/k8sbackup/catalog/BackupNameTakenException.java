package io.jenkins.plugins.k8sbackup.catalog;

import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.FixableException;
import io.jenkins.plugins.k8sbackup.remedy.Remedy;

/** A new backup's name is already that of a complete backup: nothing was stored. */
public class BackupNameTakenException extends FixableException {
    private static final long serialVersionUID = 1L;

    /** {@code problem} says where backup {@code name} exists; the remedy is another name. */
    public BackupNameTakenException(String problem, String name) {
        this(new Fix(problem, Remedy.CHOOSE_OTHER_NAME, name));
    }

    private BackupNameTakenException(Fix fix) {
        super(fix);
    }
}
