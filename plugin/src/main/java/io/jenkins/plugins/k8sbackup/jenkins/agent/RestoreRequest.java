package io.jenkins.plugins.k8sbackup.jenkins.agent;

import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import java.io.Serializable;

/**
 * A k8sRestore as the step built it: which backup ({@code ref}, 'latest' resolved on the agent) and the engine's
 * spec, checked by the step; its backup name is the step's until the agent resolves it.
 */
public record RestoreRequest(BackupRef ref, RestoreSpec spec) implements Serializable {}
