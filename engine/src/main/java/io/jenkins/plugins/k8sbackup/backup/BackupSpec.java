package io.jenkins.plugins.k8sbackup.backup;

import io.jenkins.plugins.k8sbackup.hooks.HookSpec;
import io.jenkins.plugins.k8sbackup.volumes.VolumeSnapshotSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to back up, in Velero's vocabulary. Namespace and resource lists accept '*' wildcards; resource
 * names may be plural ("deployments"), qualified ("deployments.apps") or a group glob ("*.example.com").
 * {@code includeClusterResources}: null = automatic (the cluster objects the selection needs, or all of
 * them when no namespace filter is set), true = all, false = none.
 * {@code snapshotVolumes}: take a CSI VolumeSnapshot of every captured PVC (class per storage class, see
 * {@link VolumeSnapshotSettings}). {@code hooks}: exec hooks run before and after (see docs/volumes-and-hooks.md).
 */
public record BackupSpec(
        String name,
        List<String> includeNamespaces,
        List<String> excludeNamespaces,
        List<String> includeResources,
        List<String> excludeResources,
        String labelSelector,
        Boolean includeClusterResources,
        boolean includeOwnedPods,
        int pageSize,
        Map<String, String> labels,
        EncryptionMode encryption,
        boolean snapshotVolumes,
        Map<String, String> volumeSnapshotClasses,
        String defaultVolumeSnapshotClass,
        Duration snapshotTimeout,
        List<HookSpec> hooks) implements java.io.Serializable {

    public enum EncryptionMode {
        none, secrets, all;

        /** Whether objects of {@code resource} (a qualified type name) are encrypted: whole types, never some objects. */
        public boolean encrypts(String resource) {
            return this == all || this == secrets && io.jenkins.plugins.k8sbackup.kube.WellKnownTypes.SECRETS.equals(resource);
        }
    }

    public BackupSpec {
        includeNamespaces = includeNamespaces == null ? List.of() : List.copyOf(includeNamespaces);
        excludeNamespaces = excludeNamespaces == null ? List.of() : List.copyOf(excludeNamespaces);
        includeResources = includeResources == null ? List.of() : List.copyOf(includeResources);
        excludeResources = excludeResources == null ? List.of() : List.copyOf(excludeResources);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        encryption = encryption == null ? EncryptionMode.none : encryption;
        if (pageSize <= 0) {
            pageSize = 500;
        }
        volumeSnapshotClasses = volumeSnapshotClasses == null ? Map.of() : Map.copyOf(volumeSnapshotClasses);
        hooks = hooks == null ? List.of() : List.copyOf(hooks);
    }

    /** The spec without volume snapshots or hooks, as before they existed. */
    public BackupSpec(String name, List<String> includeNamespaces, List<String> excludeNamespaces,
                      List<String> includeResources, List<String> excludeResources, String labelSelector,
                      Boolean includeClusterResources, boolean includeOwnedPods, int pageSize, Map<String, String> labels,
                      EncryptionMode encryption) {
        this(name, includeNamespaces, excludeNamespaces, includeResources, excludeResources, labelSelector,
                includeClusterResources, includeOwnedPods, pageSize, labels, encryption, false, null, null, null, null);
    }

    public VolumeSnapshotSettings volumeSnapshotSettings() {
        return new VolumeSnapshotSettings(volumeSnapshotClasses, defaultVolumeSnapshotClass, snapshotTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent construction for callers with many optional settings (CLI, plugin). */
    public static final class Builder {
        private String name;
        private List<String> includeNamespaces = List.of();
        private List<String> excludeNamespaces = List.of();
        private List<String> includeResources = List.of();
        private List<String> excludeResources = List.of();
        private String labelSelector;
        private Boolean includeClusterResources;
        private boolean includeOwnedPods;
        private int pageSize = 500;
        private Map<String, String> labels = Map.of();
        private EncryptionMode encryption = EncryptionMode.none;
        private boolean snapshotVolumes;
        private Map<String, String> volumeSnapshotClasses = Map.of();
        private String defaultVolumeSnapshotClass;
        private Duration snapshotTimeout;
        private List<HookSpec> hooks = List.of();

        public Builder name(String v) { name = v; return this; }
        public Builder includeNamespaces(List<String> v) { includeNamespaces = v; return this; }
        public Builder excludeNamespaces(List<String> v) { excludeNamespaces = v; return this; }
        public Builder includeResources(List<String> v) { includeResources = v; return this; }
        public Builder excludeResources(List<String> v) { excludeResources = v; return this; }
        public Builder labelSelector(String v) { labelSelector = v; return this; }
        public Builder includeClusterResources(Boolean v) { includeClusterResources = v; return this; }
        public Builder includeOwnedPods(boolean v) { includeOwnedPods = v; return this; }
        public Builder pageSize(int v) { pageSize = v; return this; }
        public Builder labels(Map<String, String> v) { labels = v; return this; }
        public Builder encryption(EncryptionMode v) { encryption = v; return this; }
        public Builder snapshotVolumes(boolean v) { snapshotVolumes = v; return this; }
        /** Storage class name to VolumeSnapshotClass name. */
        public Builder volumeSnapshotClasses(Map<String, String> v) { volumeSnapshotClasses = v; return this; }
        public Builder defaultVolumeSnapshotClass(String v) { defaultVolumeSnapshotClass = v; return this; }
        public Builder snapshotTimeout(Duration v) { snapshotTimeout = v; return this; }
        public Builder hooks(List<HookSpec> v) { hooks = v; return this; }

        public BackupSpec build() {
            return new BackupSpec(name, includeNamespaces, excludeNamespaces, includeResources, excludeResources,
                    labelSelector, includeClusterResources, includeOwnedPods, pageSize, labels, encryption,
                    snapshotVolumes, volumeSnapshotClasses, defaultVolumeSnapshotClass, snapshotTimeout, hooks);
        }
    }
}
