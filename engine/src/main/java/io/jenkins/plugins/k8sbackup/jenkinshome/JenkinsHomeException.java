package io.jenkins.plugins.k8sbackup.jenkinshome;

import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.Fixable;
import java.io.IOException;

/** A backup or restore that cannot go on; the message says why and what to do. Nothing complete is left behind. */
public class JenkinsHomeException extends IOException implements Fixable {
    private static final long serialVersionUID = 1L;

    private final Fix fix;

    /** Refused for a reason a setting fixes. */
    public JenkinsHomeException(Fix fix) {
        super(fix.message());
        this.fix = fix;
    }

    @Override
    public Fix fix() {
        return fix;
    }

    public JenkinsHomeException(String message) {
        super(message);
        this.fix = null;
    }

    public JenkinsHomeException(String message, Throwable cause) {
        super(message, cause);
        this.fix = null;
    }
}
