package io.jenkins.plugins.k8sbackup.verify;

import io.jenkins.plugins.k8sbackup.diff.DiffSpec;
import io.jenkins.plugins.k8sbackup.restore.ObjectSelection;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to verify: the restore's selection and namespace mapping (to verify a clone: the selection names the
 * backup's namespaces, the mapping where the restore put them), whether the restore kept node ports, how long
 * workloads and checks may take to become ready, how often to look, optional API checks, and the restore's
 * transforms (verification is against the transformed objects; none by default).
 */
public record VerifySpec(
        String backupName,
        List<String> includeNamespaces,
        List<String> excludeNamespaces,
        List<String> includeResources,
        List<String> excludeResources,
        String labelSelector,
        List<String> objects,
        Map<String, String> namespaceMapping,
        Boolean includeClusterResources,
        boolean preserveNodePorts,
        Duration timeout,
        Duration pollInterval,
        List<VerifyCheck> checks,
        TransformSpec transforms) implements java.io.Serializable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public VerifySpec {
        DiffSpec checked = new DiffSpec(backupName, includeNamespaces, excludeNamespaces, includeResources, excludeResources,
                labelSelector, objects, namespaceMapping, includeClusterResources, preserveNodePorts);
        includeNamespaces = checked.includeNamespaces();
        excludeNamespaces = checked.excludeNamespaces();
        includeResources = checked.includeResources();
        excludeResources = checked.excludeResources();
        objects = checked.objects();
        namespaceMapping = checked.namespaceMapping();
        timeout = timeout == null || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
        pollInterval = pollInterval == null || pollInterval.isNegative() || pollInterval.isZero() ? Duration.ofSeconds(2) : pollInterval;
        checks = checks == null ? List.of() : List.copyOf(checks);
        transforms = transforms == null ? TransformSpec.NONE : transforms;
    }

    /** Without transforms. */
    public VerifySpec(String backupName, List<String> includeNamespaces, List<String> excludeNamespaces,
                      List<String> includeResources, List<String> excludeResources, String labelSelector, List<String> objects,
                      Map<String, String> namespaceMapping, Boolean includeClusterResources, boolean preserveNodePorts,
                      Duration timeout, Duration pollInterval, List<VerifyCheck> checks) {
        this(backupName, includeNamespaces, excludeNamespaces, includeResources, excludeResources, labelSelector, objects,
                namespaceMapping, includeClusterResources, preserveNodePorts, timeout, pollInterval, checks, TransformSpec.NONE);
    }

    public ObjectSelection selection() {
        return diffSpec().selection();
    }

    /** The object-by-object part of the verification. */
    public DiffSpec diffSpec() {
        return new DiffSpec(backupName, includeNamespaces, excludeNamespaces, includeResources, excludeResources, labelSelector,
                objects, namespaceMapping, includeClusterResources, preserveNodePorts, transforms);
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
        private boolean preserveNodePorts;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration pollInterval = Duration.ofSeconds(2);
        private List<VerifyCheck> checks = List.of();
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
        public Builder preserveNodePorts(boolean v) { preserveNodePorts = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder pollInterval(Duration v) { pollInterval = v; return this; }
        public Builder checks(List<VerifyCheck> v) { checks = v; return this; }
        public Builder transforms(TransformSpec v) { transforms = v; return this; }

        public VerifySpec build() {
            return new VerifySpec(backupName, includeNamespaces, excludeNamespaces, includeResources, excludeResources,
                    labelSelector, objects, namespaceMapping, includeClusterResources, preserveNodePorts, timeout, pollInterval,
                    checks, transforms);
        }
    }
}
