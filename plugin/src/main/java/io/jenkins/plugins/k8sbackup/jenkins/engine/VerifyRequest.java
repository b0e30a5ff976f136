package io.jenkins.plugins.k8sbackup.jenkins.engine;

import java.io.Serializable;
import java.time.Duration;

/**
 * A verifyRestore: which backup, which of its objects and where the restore put their namespaces (the same
 * selection and mapping as the restore's), and how long to wait for workloads.
 */
public record VerifyRequest(BackupRef ref, SelectionRequest selection, Duration timeout) implements Serializable {}
