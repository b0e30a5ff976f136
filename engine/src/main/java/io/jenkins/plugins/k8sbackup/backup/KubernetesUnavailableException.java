package io.jenkins.plugins.k8sbackup.backup;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;

/** The Kubernetes API cannot be used at all: unreachable, or refusing our credentials. */
public class KubernetesUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public KubernetesUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A one-line reason fit for a build log: the status message, or the root cause of a connection error. */
    public static String reason(KubernetesClientException e) {
        if (e.getCode() == 401) {
            return "401 Unauthorized: the credentials were rejected";
        }
        if (e.getCode() == 403) {
            return "403 Forbidden: " + (e.getStatus() != null ? e.getStatus().getMessage() : "not allowed");
        }
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
