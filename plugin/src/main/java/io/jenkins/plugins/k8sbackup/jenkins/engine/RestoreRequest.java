package io.jenkins.plugins.k8sbackup.jenkins.engine;

import io.jenkins.plugins.k8sbackup.hooks.RestoreHookSpec;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** A k8sRestore as the step received it, before 'latest' is resolved on the agent. Mirrors the engine's RestoreSpec. */
public record RestoreRequest(BackupRef ref, SelectionRequest selection, String existingPolicy, boolean dryRun, int concurrency,
                             Duration waitTimeout, List<RestoreHookSpec> hooks, boolean allowPartial,
                             boolean preserveNodePorts, TransformSpec transforms)
        implements Serializable {
    public RestoreRequest(BackupRef ref, SelectionRequest selection, String existingPolicy, boolean dryRun, int concurrency,
                          Duration waitTimeout, List<RestoreHookSpec> hooks) {
        this(ref, selection, existingPolicy, dryRun, concurrency, waitTimeout, hooks, false, false);
    }

    public RestoreRequest(BackupRef ref, SelectionRequest selection, String existingPolicy, boolean dryRun, int concurrency,
                          Duration waitTimeout, List<RestoreHookSpec> hooks, boolean allowPartial, boolean preserveNodePorts) {
        this(ref, selection, existingPolicy, dryRun, concurrency, waitTimeout, hooks, allowPartial, preserveNodePorts, TransformSpec.NONE);
    }

    public RestoreRequest {
        selection = selection == null ? new SelectionRequest(null, null, null, null, null, null, null, null) : selection;
        hooks = hooks == null ? List.of() : List.copyOf(hooks);
        transforms = transforms == null ? TransformSpec.NONE : transforms;
    }
}
