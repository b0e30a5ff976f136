package io.jenkins.plugins.k8sbackup.jenkins.agent;

import io.jenkins.plugins.k8sbackup.diff.DiffSpec;
import java.io.Serializable;

/** A k8sDiff: which backup ('latest' resolved on the agent) and the engine's spec (the restore's selection and mapping). */
public record DiffRequest(BackupRef ref, DiffSpec spec) implements Serializable {}
