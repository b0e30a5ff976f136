package io.jenkins.plugins.k8sbackup.util;

/** Where engines report progress: a terminal, a Jenkins TaskListener, or nowhere. Called from several threads at once (a backup lists types in parallel). */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = message -> {};

    void info(String message);

    default void warn(String message) {
        info("WARNING: " + message);
    }
}
