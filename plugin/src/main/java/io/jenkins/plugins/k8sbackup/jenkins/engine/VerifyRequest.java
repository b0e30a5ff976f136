package io.jenkins.plugins.k8sbackup.jenkins.engine;

import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import java.io.Serializable;
import java.time.Duration;

/**
 * A verifyRestore: which backup, which of its objects and where the restore put their namespaces (the same
 * selection, mapping and transforms as the restore's), and how long to wait for workloads.
 */
public record VerifyRequest(BackupRef ref, SelectionRequest selection, Duration timeout, TransformSpec transforms)
        implements Serializable {
    public VerifyRequest(BackupRef ref, SelectionRequest selection, Duration timeout) {
        this(ref, selection, timeout, TransformSpec.NONE);
    }
}
