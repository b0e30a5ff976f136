package io.jenkins.plugins.k8sbackup.util;

/** Where engines report progress: a terminal, a Jenkins TaskListener, or nowhere. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = message -> {};

    void info(String message);

    default void warn(String message) {
        info("WARNING: " + message);
    }
}
