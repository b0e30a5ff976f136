package io.jenkins.plugins.k8sbackup.backup;

import java.util.List;
import java.util.Map;

/**
 * What to back up, in Velero's vocabulary. Namespace and resource lists accept '*' wildcards; resource
 * names may be plural ("deployments"), qualified ("deployments.apps") or a group glob ("*.example.com").
 * {@code includeClusterResources}: null = automatic (the cluster objects the selection needs, or all of
 * them when no namespace filter is set), true = all, false = none.
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
        EncryptionMode encryption) implements java.io.Serializable {

    public enum EncryptionMode { none, secrets, all }

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

        public BackupSpec build() {
            return new BackupSpec(name, includeNamespaces, excludeNamespaces, includeResources, excludeResources,
                    labelSelector, includeClusterResources, includeOwnedPods, pageSize, labels, encryption);
        }
    }
}
