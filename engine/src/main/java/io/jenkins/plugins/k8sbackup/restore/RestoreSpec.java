package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.hooks.RestoreHookSpec;
import io.jenkins.plugins.k8sbackup.selection.Selection;
import io.jenkins.plugins.k8sbackup.selection.SelectionBuilder;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import java.time.Duration;
import java.util.List;

/**
 * What to restore and how. The {@link Selection} names the backup's namespaces (before the mapping); resource filters
 * accept plural, qualified ("deployments.apps") or kind names and '*' globs, as for backup; single objects are
 * "resource/namespace/name" or "resource/name" (cluster-scoped). Its cluster-scoped choice: null = automatic (all
 * cluster-scoped objects when no namespace filter and no object list is set, otherwise only what the selection needs:
 * its Namespaces, CRDs and PVs), true = all, false = none but those dependencies. {@code hooks}: post-restore exec
 * hooks, in addition to those declared with Velero's pod annotations; their namespace is mapped like the objects'.
 * {@code allowPartial}: when the archives of some selected types are damaged, restore the other types
 * (PartiallyFailed) instead of nothing (Failed, the default). {@code transforms}: rules applied to each object after
 * the namespace mapping and the sanitising, before it is compared or written (none by default).
 */
public record RestoreSpec(
        String backupName,
        Selection selection,
        ExistingPolicy existingPolicy,
        boolean dryRun,
        int concurrency,
        boolean preserveNodePorts,
        boolean restoreStatus,
        Duration waitTimeout,
        List<RestoreHookSpec> hooks,
        boolean allowPartial,
        TransformSpec transforms) implements java.io.Serializable {

    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int MAX_CONCURRENCY = 64;
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    public RestoreSpec {
        if (backupName == null || backupName.isBlank()) {
            throw new IllegalArgumentException("the name of the backup to restore is missing");
        }
        selection = selection == null ? Selection.EVERYTHING : selection;
        existingPolicy = existingPolicy == null ? ExistingPolicy.skip : existingPolicy;
        if (concurrency <= 0) {
            concurrency = DEFAULT_CONCURRENCY;
        }
        if (concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency " + concurrency + " is above the limit of " + MAX_CONCURRENCY);
        }
        waitTimeout = waitTimeout == null || waitTimeout.isNegative() ? DEFAULT_WAIT : waitTimeout;
        hooks = hooks == null ? List.of() : List.copyOf(hooks);
        transforms = transforms == null ? TransformSpec.NONE : transforms;
    }

    /** The same restore of another backup (a front-end's 'latest', once resolved). */
    public RestoreSpec forBackup(String name) {
        return new RestoreSpec(name, selection, existingPolicy, dryRun, concurrency, preserveNodePorts, restoreStatus,
                waitTimeout, hooks, allowPartial, transforms);
    }

    public static Builder builder(String backupName) {
        return new Builder().backupName(backupName);
    }

    /** The selection's setters come from {@link SelectionBuilder}, which checks them. */
    public static final class Builder extends SelectionBuilder<Builder> {
        private String backupName;
        private ExistingPolicy existingPolicy = ExistingPolicy.skip;
        private boolean dryRun;
        private int concurrency = DEFAULT_CONCURRENCY;
        private boolean preserveNodePorts;
        private boolean restoreStatus;
        private Duration waitTimeout = DEFAULT_WAIT;
        private List<RestoreHookSpec> hooks = List.of();
        private boolean allowPartial;
        private TransformSpec transforms = TransformSpec.NONE;

        public Builder backupName(String v) { backupName = v; return this; }
        public Builder existingPolicy(ExistingPolicy v) { existingPolicy = v; return this; }
        public Builder dryRun(boolean v) { dryRun = v; return this; }
        public Builder concurrency(int v) { concurrency = v; return this; }
        public Builder preserveNodePorts(boolean v) { preserveNodePorts = v; return this; }
        public Builder restoreStatus(boolean v) { restoreStatus = v; return this; }
        public Builder waitTimeout(Duration v) { waitTimeout = v; return this; }
        public Builder hooks(List<RestoreHookSpec> v) { hooks = v; return this; }
        public Builder allowPartial(boolean v) { allowPartial = v; return this; }
        public Builder transforms(TransformSpec v) { transforms = v; return this; }

        public RestoreSpec build() {
            return new RestoreSpec(backupName, selection(), existingPolicy, dryRun, concurrency, preserveNodePorts,
                    restoreStatus, waitTimeout, hooks, allowPartial, transforms);
        }
    }
}
