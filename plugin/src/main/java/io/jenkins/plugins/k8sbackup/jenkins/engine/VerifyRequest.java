package io.jenkins.plugins.k8sbackup.jenkins.engine;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** A verifyRestore: which backup, which namespaces of the cluster to compare with it, and how long to wait for them. */
public record VerifyRequest(BackupRef ref, List<String> namespaces, Duration timeout) implements Serializable {
    public VerifyRequest {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    }
}
