package io.jenkins.plugins.k8sbackup.catalog;

import java.io.IOException;

/**
 * A run's lease is gone: its backup was deleted or its claim taken over while it ran (it could not renew in
 * time). The run must not publish anything under the name any more.
 */
public class LeaseLostException extends IOException {
    private static final long serialVersionUID = 1L;

    public LeaseLostException(String message) {
        super(message);
    }
}
