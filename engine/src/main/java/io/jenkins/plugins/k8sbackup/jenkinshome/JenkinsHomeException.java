package io.jenkins.plugins.k8sbackup.jenkinshome;

import java.io.IOException;

/** A backup or restore that cannot go on; the message says why and what to do. Nothing complete is left behind. */
public class JenkinsHomeException extends IOException {
    private static final long serialVersionUID = 1L;

    public JenkinsHomeException(String message) {
        super(message);
    }

    public JenkinsHomeException(String message, Throwable cause) {
        super(message, cause);
    }
}
