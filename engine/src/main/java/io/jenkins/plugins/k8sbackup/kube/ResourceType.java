package io.jenkins.plugins.k8sbackup.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** One listable API resource at the version discovery chose for it (see {@link ApiDiscovery}), e.g. deployments.apps/v1. */
public record ResourceType(String group, String version, String plural, String kind, boolean namespaced) {

    /** "deployments.apps", or "configmaps" for the core group: the name filters and archive paths use. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** Served by a CRD or an aggregated API, not by Kubernetes itself (whose groups are "apps", "*.k8s.io", ...). */
    public boolean isCustom() {
        return group.contains(".") && !group.endsWith(".k8s.io");
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withPlural(plural)
                .withKind(kind).withNamespaced(namespaced).build();
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
