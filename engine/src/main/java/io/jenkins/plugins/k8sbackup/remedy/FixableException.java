package io.jenkins.plugins.k8sbackup.remedy;

import java.io.IOException;

/**
 * An I/O-level refusal that may say what fixes it (a {@link Fix}); the engine's typed refusals (a wrong key, a backup
 * in use, a missing storage directory) extend it, and it serves as is where no more specific type applies (a
 * kubeconfig or context that does not exist).
 */
public class FixableException extends IOException implements Fixable {
    private static final long serialVersionUID = 1L;

    private final Fix fix;

    public FixableException(Fix fix) {
        super(fix.message());
        this.fix = fix;
    }

    /** A refusal whose message says it all, with no setting to name. */
    public FixableException(String message) {
        this(message, null);
    }

    public FixableException(String message, Throwable cause) {
        super(message, cause);
        this.fix = null;
    }

    @Override
    public Fix fix() {
        return fix;
    }
}
