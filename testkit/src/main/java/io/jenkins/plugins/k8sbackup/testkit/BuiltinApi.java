package io.jenkins.plugins.k8sbackup.testkit;

import java.util.List;

/**
 * The built-in types a v1.32 API server serves, as far as tests need them. Includes the awkward cases a
 * backup tool must handle: subresources, create-only types, an aggregated read-only API and a group with
 * two versions of which only one is preferred.
 */
final class BuiltinApi {
    private BuiltinApi() {}

    static final List<String> PREFERRED_GROUP_VERSIONS = List.of(
            "apps/v1", "batch/v1", "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1",
            "apiextensions.k8s.io/v1", "storage.k8s.io/v1", "admissionregistration.k8s.io/v1", "policy/v1",
            "events.k8s.io/v1", "autoscaling/v2", "authentication.k8s.io/v1", "metrics.k8s.io/v1beta1",
            "coordination.k8s.io/v1", "scheduling.k8s.io/v1", "discovery.k8s.io/v1", "apiregistration.k8s.io/v1");

    /** Non-preferred versions still served (autoscaling/v1 beside v2). */
    static final List<String> OTHER_GROUP_VERSIONS = List.of("autoscaling/v1");

    static final List<ApiResourceSpec> RESOURCES = List.of(
            ApiResourceSpec.of("v1", "namespaces", "Namespace", false),
            ApiResourceSpec.of("v1", "configmaps", "ConfigMap", true),
            ApiResourceSpec.of("v1", "secrets", "Secret", true),
            ApiResourceSpec.of("v1", "services", "Service", true),
            ApiResourceSpec.of("v1", "services/status", "Service", true, List.of("get", "patch", "update")),
            ApiResourceSpec.of("v1", "serviceaccounts", "ServiceAccount", true),
            ApiResourceSpec.of("v1", "pods", "Pod", true),
            ApiResourceSpec.of("v1", "pods/log", "Pod", true, List.of("get")),
            ApiResourceSpec.of("v1", "persistentvolumeclaims", "PersistentVolumeClaim", true),
            ApiResourceSpec.of("v1", "persistentvolumes", "PersistentVolume", false),
            ApiResourceSpec.of("v1", "events", "Event", true),
            ApiResourceSpec.of("v1", "nodes", "Node", false),
            ApiResourceSpec.of("v1", "limitranges", "LimitRange", true),
            ApiResourceSpec.of("v1", "resourcequotas", "ResourceQuota", true),
            ApiResourceSpec.of("v1", "endpoints", "Endpoints", true),
            ApiResourceSpec.of("v1", "replicationcontrollers", "ReplicationController", true),
            ApiResourceSpec.of("v1", "bindings", "Binding", true, List.of("create")),
            ApiResourceSpec.of("apps/v1", "deployments", "Deployment", true),
            ApiResourceSpec.of("apps/v1", "deployments/status", "Deployment", true, List.of("get", "patch", "update")),
            ApiResourceSpec.of("apps/v1", "deployments/scale", "Scale", true, List.of("get", "patch", "update")),
            ApiResourceSpec.of("apps/v1", "statefulsets", "StatefulSet", true),
            ApiResourceSpec.of("apps/v1", "daemonsets", "DaemonSet", true),
            ApiResourceSpec.of("apps/v1", "replicasets", "ReplicaSet", true),
            ApiResourceSpec.of("apps/v1", "controllerrevisions", "ControllerRevision", true),
            ApiResourceSpec.of("batch/v1", "jobs", "Job", true),
            ApiResourceSpec.of("batch/v1", "cronjobs", "CronJob", true),
            ApiResourceSpec.of("networking.k8s.io/v1", "ingresses", "Ingress", true),
            ApiResourceSpec.of("networking.k8s.io/v1", "networkpolicies", "NetworkPolicy", true),
            ApiResourceSpec.of("networking.k8s.io/v1", "ingressclasses", "IngressClass", false),
            ApiResourceSpec.of("rbac.authorization.k8s.io/v1", "roles", "Role", true),
            ApiResourceSpec.of("rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding", true),
            ApiResourceSpec.of("rbac.authorization.k8s.io/v1", "clusterroles", "ClusterRole", false),
            ApiResourceSpec.of("rbac.authorization.k8s.io/v1", "clusterrolebindings", "ClusterRoleBinding", false),
            ApiResourceSpec.of("apiextensions.k8s.io/v1", "customresourcedefinitions", "CustomResourceDefinition", false),
            ApiResourceSpec.of("storage.k8s.io/v1", "storageclasses", "StorageClass", false),
            ApiResourceSpec.of("admissionregistration.k8s.io/v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false),
            ApiResourceSpec.of("admissionregistration.k8s.io/v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", false),
            ApiResourceSpec.of("policy/v1", "poddisruptionbudgets", "PodDisruptionBudget", true),
            ApiResourceSpec.of("events.k8s.io/v1", "events", "Event", true),
            ApiResourceSpec.of("autoscaling/v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true),
            ApiResourceSpec.of("autoscaling/v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true),
            ApiResourceSpec.of("authentication.k8s.io/v1", "tokenreviews", "TokenReview", false, List.of("create")),
            ApiResourceSpec.of("metrics.k8s.io/v1beta1", "pods", "PodMetrics", true, List.of("get", "list")),
            ApiResourceSpec.of("coordination.k8s.io/v1", "leases", "Lease", true),
            ApiResourceSpec.of("scheduling.k8s.io/v1", "priorityclasses", "PriorityClass", false),
            ApiResourceSpec.of("discovery.k8s.io/v1", "endpointslices", "EndpointSlice", true),
            ApiResourceSpec.of("apiregistration.k8s.io/v1", "apiservices", "APIService", false));
}
