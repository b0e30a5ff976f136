package io.jenkins.plugins.k8sbackup.kube;

/** Qualified resource names (see {@link ResourceType#qualifiedName()}) that backup and restore treat specially. */
public final class WellKnownTypes {
    public static final String PODS = "pods";
    public static final String SECRETS = "secrets";
    public static final String NAMESPACES = "namespaces";
    public static final String SERVICES = "services";
    public static final String SERVICE_ACCOUNTS = "serviceaccounts";
    public static final String PVCS = "persistentvolumeclaims";
    public static final String PVS = "persistentvolumes";
    public static final String CRDS = "customresourcedefinitions.apiextensions.k8s.io";

    private WellKnownTypes() {}
}
