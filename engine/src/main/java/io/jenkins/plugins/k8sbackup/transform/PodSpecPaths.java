package io.jenkins.plugins.k8sbackup.transform;

import java.util.Map;

/** Where each built-in workload keeps its pod spec, as a path of field names, by "resource.group". */
final class PodSpecPaths {
    static final Map<String, String> BY_RESOURCE = Map.of(
            "pods", "spec",
            "podtemplates", "template/spec",
            "replicationcontrollers", "spec/template/spec",
            "deployments.apps", "spec/template/spec",
            "replicasets.apps", "spec/template/spec",
            "statefulsets.apps", "spec/template/spec",
            "daemonsets.apps", "spec/template/spec",
            "jobs.batch", "spec/template/spec",
            "cronjobs.batch", "spec/jobTemplate/spec/template/spec");

    /** Workloads whose spec.replicas says how many pods run. */
    static final java.util.List<String> SCALABLE = java.util.List.of("deployments.apps", "statefulsets.apps",
            "replicasets.apps", "replicationcontrollers");

    static final java.util.List<String> CONTAINER_LISTS = java.util.List.of("containers", "initContainers", "ephemeralContainers");

    private PodSpecPaths() {}
}
