package io.jenkins.plugins.k8sbackup.catalog;

import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.FixableException;
import io.jenkins.plugins.k8sbackup.remedy.Remedy;

/** Refused because another run holds a live lease on the backup: it is being written, read or deleted. */
public class BackupInUseException extends FixableException {
    private static final long serialVersionUID = 1L;

    public BackupInUseException(String message) {
        super(message);
    }

    /** {@code problem} says who holds backup {@code name}; the remedy is to wait for that run. */
    public BackupInUseException(String problem, String name) {
        this(new Fix(problem, Remedy.WAIT_FOR_OTHER_RUN, name));
    }

    private BackupInUseException(Fix fix) {
        super(fix);
    }
}
