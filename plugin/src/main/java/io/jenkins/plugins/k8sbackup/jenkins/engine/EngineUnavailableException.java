package io.jenkins.plugins.k8sbackup.jenkins.engine;

import java.io.IOException;

/** An engine feature this build of the plugin does not contain yet. */
public final class EngineUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String feature) {
        super(feature + " is not available in this build of k8s-backup (its engine part is missing)");
    }
}
