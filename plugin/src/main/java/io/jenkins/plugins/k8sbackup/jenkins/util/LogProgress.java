package io.jenkins.plugins.k8sbackup.jenkins.util;

import hudson.model.TaskListener;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.Serializable;

/** Engine progress into the build log, prefixed and with every known secret masked. Travels to agents. */
public final class LogProgress implements ProgressListener, Serializable {
    private static final long serialVersionUID = 1L;

    private final TaskListener listener;
    private final SecretMasker masker;
    private final String prefix;

    public LogProgress(TaskListener listener, SecretMasker masker, String stepName) {
        this.listener = listener;
        this.masker = masker;
        this.prefix = "[" + stepName + "] ";
    }

    @Override
    public void info(String message) {
        listener.getLogger().println(prefix + masker.mask(message));
    }

    @Override
    public void warn(String message) {
        listener.getLogger().println(prefix + "WARNING: " + masker.mask(message));
    }

    public SecretMasker masker() {
        return masker;
    }
}
