package io.jenkins.plugins.k8sbackup.jenkinshome;

import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.FixableException;

/** A backup or restore that cannot go on; the message says why and what to do. Nothing complete is left behind. */
public class JenkinsHomeException extends FixableException {
    private static final long serialVersionUID = 1L;

    /** Refused for a reason a setting fixes. */
    public JenkinsHomeException(Fix fix) {
        super(fix);
    }

    public JenkinsHomeException(String message) {
        super(message);
    }

    public JenkinsHomeException(String message, Throwable cause) {
        super(message, cause);
    }
}
