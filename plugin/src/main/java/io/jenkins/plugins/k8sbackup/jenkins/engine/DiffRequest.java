package io.jenkins.plugins.k8sbackup.jenkins.engine;

import java.io.Serializable;

/** A k8sDiff: which backup, the restore's selection and namespace mapping, and whether node ports count. */
public record DiffRequest(BackupRef ref, SelectionRequest selection, boolean preserveNodePorts) implements Serializable {}
