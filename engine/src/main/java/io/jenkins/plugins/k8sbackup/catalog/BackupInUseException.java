package io.jenkins.plugins.k8sbackup.catalog;

import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.Fixable;
import io.jenkins.plugins.k8sbackup.remedy.Remedy;
import java.io.IOException;

/** Refused because another run holds a live lease on the backup: it is being written, read or deleted. */
public class BackupInUseException extends IOException implements Fixable {
    private static final long serialVersionUID = 1L;

    private final Fix fix;

    public BackupInUseException(String message) {
        super(message);
        this.fix = null;
    }

    /** {@code problem} says who holds backup {@code name}; the remedy is to wait for that run. */
    public BackupInUseException(String problem, String name) {
        this(new Fix(problem, Remedy.WAIT_FOR_OTHER_RUN, name));
    }

    private BackupInUseException(Fix fix) {
        super(fix.message());
        this.fix = fix;
    }

    @Override
    public Fix fix() {
        return fix;
    }
}
