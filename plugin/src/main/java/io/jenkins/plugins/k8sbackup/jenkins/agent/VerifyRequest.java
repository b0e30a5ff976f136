package io.jenkins.plugins.k8sbackup.jenkins.agent;

import io.jenkins.plugins.k8sbackup.verify.VerifySpec;
import java.io.Serializable;

/**
 * A verifyRestore: which backup ('latest' resolved on the agent) and the engine's spec: which of its objects and where
 * the restore put their namespaces (the restore's selection and mapping), and how long to wait for workloads.
 */
public record VerifyRequest(BackupRef ref, VerifySpec spec) implements Serializable {}
