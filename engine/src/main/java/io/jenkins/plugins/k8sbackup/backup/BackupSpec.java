package io.jenkins.plugins.k8sbackup.backup;

import io.jenkins.plugins.k8sbackup.hooks.HookSpec;
import io.jenkins.plugins.k8sbackup.selection.Selection;
import io.jenkins.plugins.k8sbackup.selection.SelectionBuilder;
import io.jenkins.plugins.k8sbackup.volumes.VolumeSnapshotSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to back up, in Velero's vocabulary. The {@link Selection}'s namespace and resource lists accept '*' wildcards;
 * resource names may be plural ("deployments"), qualified ("deployments.apps") or a group glob ("*.example.com"); its
 * cluster-scoped choice: null = automatic (the cluster objects the selection needs, or all of them when no namespace
 * filter is set), true = all, false = none. A backup takes neither single objects nor a namespace mapping.
 * {@code snapshotVolumes}: take a CSI VolumeSnapshot of every captured PVC (class per storage class, see
 * {@link VolumeSnapshotSettings}). {@code hooks}: exec hooks run before and after (see docs/volumes-and-hooks.md).
 */
public record BackupSpec(
        String name,
        Selection selection,
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
        selection = selection == null ? Selection.EVERYTHING : selection;
        if (!selection.objects().isEmpty()) {
            throw new IllegalArgumentException("a backup takes no single objects (" + selection.objects().get(0)
                    + "): select namespaces, resources and labels");
        }
        if (!selection.mapping().isEmpty()) {
            throw new IllegalArgumentException("a backup takes no namespace mapping: give it to the restore");
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        encryption = encryption == null ? EncryptionMode.none : encryption;
        if (pageSize <= 0) {
            pageSize = 500;
        }
        volumeSnapshotClasses = volumeSnapshotClasses == null ? Map.of() : Map.copyOf(volumeSnapshotClasses);
        hooks = hooks == null ? List.of() : List.copyOf(hooks);
    }

    public VolumeSnapshotSettings volumeSnapshotSettings() {
        return new VolumeSnapshotSettings(volumeSnapshotClasses, defaultVolumeSnapshotClass, snapshotTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent construction for callers with many optional settings (CLI, plugin); the selection's setters check it. */
    public static final class Builder extends SelectionBuilder<Builder> {
        private String name;
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
            return new BackupSpec(name, selection(), includeOwnedPods, pageSize, labels, encryption, snapshotVolumes,
                    volumeSnapshotClasses, defaultVolumeSnapshotClass, snapshotTimeout, hooks);
        }
    }
}
