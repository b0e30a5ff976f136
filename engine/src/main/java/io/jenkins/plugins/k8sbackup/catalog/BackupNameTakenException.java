package io.jenkins.plugins.k8sbackup.catalog;

import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.Fixable;
import io.jenkins.plugins.k8sbackup.remedy.Remedy;
import java.io.IOException;

/** A new backup's name is already that of a complete backup: nothing was stored. */
public class BackupNameTakenException extends IOException implements Fixable {
    private static final long serialVersionUID = 1L;

    private final Fix fix;

    /** {@code problem} says where backup {@code name} exists; the remedy is another name. */
    public BackupNameTakenException(String problem, String name) {
        this(new Fix(problem, Remedy.CHOOSE_OTHER_NAME, name));
    }

    private BackupNameTakenException(Fix fix) {
        super(fix.message());
        this.fix = fix;
    }

    @Override
    public Fix fix() {
        return fix;
    }
}
