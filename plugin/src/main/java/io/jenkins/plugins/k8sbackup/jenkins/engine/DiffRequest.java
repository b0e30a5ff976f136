package io.jenkins.plugins.k8sbackup.jenkins.engine;

import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import java.io.Serializable;

/** A k8sDiff: which backup, the restore's selection and namespace mapping, and whether node ports count. */
public record DiffRequest(BackupRef ref, SelectionRequest selection, boolean preserveNodePorts, TransformSpec transforms)
        implements Serializable {
    public DiffRequest(BackupRef ref, SelectionRequest selection, boolean preserveNodePorts) {
        this(ref, selection, preserveNodePorts, TransformSpec.NONE);
    }
}
