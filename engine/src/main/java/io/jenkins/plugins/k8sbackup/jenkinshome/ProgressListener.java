package io.jenkins.plugins.k8sbackup.jenkinshome;

/** Receives one human-readable line per step (a build log, a CLI's stderr). Never given secrets. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = message -> {};

    void progress(String message);
}
