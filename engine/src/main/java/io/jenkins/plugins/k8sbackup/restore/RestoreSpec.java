package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.hooks.RestoreHookSpec;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to restore and how. Namespace filters name namespaces of the backup (before mapping); resource filters
 * accept plural, qualified ("deployments.apps") or kind names and '*' globs, as for backup. {@code objects}
 * picks single objects as "resource/namespace/name" or "resource/name" (cluster-scoped).
 * {@code includeClusterResources}: null = automatic (all cluster-scoped objects when no namespace filter and
 * no object list is set, otherwise only what the selection needs: its Namespaces, CRDs and PVs), true = all,
 * false = none but those dependencies. {@code hooks}: post-restore exec hooks, in addition to those declared with
 * Velero's pod annotations; their namespace is mapped like the objects'. {@code allowPartial}: when the archives of some
 * selected types are damaged, restore the other types (PartiallyFailed) instead of nothing (Failed, the default).
 * {@code transforms}: rules applied to each object after the namespace mapping and the sanitising, before it is
 * compared or written (none by default).
 */
public record RestoreSpec(
        String backupName,
        List<String> includeNamespaces,
        List<String> excludeNamespaces,
        List<String> includeResources,
        List<String> excludeResources,
        String labelSelector,
        List<String> objects,
        Map<String, String> namespaceMapping,
        Boolean includeClusterResources,
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
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    public RestoreSpec {
        if (backupName == null || backupName.isBlank()) {
            throw new IllegalArgumentException("the name of the backup to restore is missing");
        }
        includeNamespaces = includeNamespaces == null ? List.of() : List.copyOf(includeNamespaces);
        excludeNamespaces = excludeNamespaces == null ? List.of() : List.copyOf(excludeNamespaces);
        includeResources = includeResources == null ? List.of() : List.copyOf(includeResources);
        excludeResources = excludeResources == null ? List.of() : List.copyOf(excludeResources);
        objects = objects == null ? List.of() : List.copyOf(objects);
        namespaceMapping = NamespaceMapping.validate(namespaceMapping == null ? Map.of() : namespaceMapping);
        existingPolicy = existingPolicy == null ? ExistingPolicy.skip : existingPolicy;
        if (concurrency <= 0) {
            concurrency = DEFAULT_CONCURRENCY;
        }
        if (concurrency > 64) {
            throw new IllegalArgumentException("concurrency " + concurrency + " is above the limit of 64");
        }
        waitTimeout = waitTimeout == null || waitTimeout.isNegative() ? DEFAULT_WAIT : waitTimeout;
        hooks = hooks == null ? List.of() : List.copyOf(hooks);
        ObjectSelection.parseObjects(objects);
        LabelSelector.parse(labelSelector);
        transforms = transforms == null ? TransformSpec.NONE : transforms;
    }

    /** Without transforms. */
    public RestoreSpec(String backupName, List<String> includeNamespaces, List<String> excludeNamespaces,
                       List<String> includeResources, List<String> excludeResources, String labelSelector, List<String> objects,
                       Map<String, String> namespaceMapping, Boolean includeClusterResources, ExistingPolicy existingPolicy,
                       boolean dryRun, int concurrency, boolean preserveNodePorts, boolean restoreStatus, Duration waitTimeout,
                       List<RestoreHookSpec> hooks, boolean allowPartial) {
        this(backupName, includeNamespaces, excludeNamespaces, includeResources, excludeResources, labelSelector, objects,
                namespaceMapping, includeClusterResources, existingPolicy, dryRun, concurrency, preserveNodePorts, restoreStatus,
                waitTimeout, hooks, allowPartial, TransformSpec.NONE);
    }

    /** The selection part, shared with diff and verify. */
    public ObjectSelection selection() {
        return new ObjectSelection(includeNamespaces, excludeNamespaces, includeResources, excludeResources,
                labelSelector, objects, namespaceMapping, includeClusterResources);
    }

    public static Builder builder(String backupName) {
        return new Builder().backupName(backupName);
    }

    public static final class Builder {
        private String backupName;
        private List<String> includeNamespaces = List.of();
        private List<String> excludeNamespaces = List.of();
        private List<String> includeResources = List.of();
        private List<String> excludeResources = List.of();
        private String labelSelector;
        private List<String> objects = List.of();
        private Map<String, String> namespaceMapping = Map.of();
        private Boolean includeClusterResources;
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
        public Builder includeNamespaces(List<String> v) { includeNamespaces = v; return this; }
        public Builder excludeNamespaces(List<String> v) { excludeNamespaces = v; return this; }
        public Builder includeResources(List<String> v) { includeResources = v; return this; }
        public Builder excludeResources(List<String> v) { excludeResources = v; return this; }
        public Builder labelSelector(String v) { labelSelector = v; return this; }
        public Builder objects(List<String> v) { objects = v; return this; }
        public Builder namespaceMapping(Map<String, String> v) { namespaceMapping = v; return this; }
        public Builder includeClusterResources(Boolean v) { includeClusterResources = v; return this; }
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
            return new RestoreSpec(backupName, includeNamespaces, excludeNamespaces, includeResources, excludeResources,
                    labelSelector, objects, namespaceMapping, includeClusterResources, existingPolicy, dryRun, concurrency,
                    preserveNodePorts, restoreStatus, waitTimeout, hooks, allowPartial, transforms);
        }
    }
}
