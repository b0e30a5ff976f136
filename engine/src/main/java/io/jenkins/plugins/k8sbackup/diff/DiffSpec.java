package io.jenkins.plugins.k8sbackup.diff;

import io.jenkins.plugins.k8sbackup.restore.LabelSelector;
import io.jenkins.plugins.k8sbackup.restore.ObjectSelection;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import java.util.List;
import java.util.Map;

/**
 * What to compare: the same selection and namespace mapping as a restore (see {@link RestoreSpec}): namespace
 * filters name the backup's namespaces, the mapping says where the restore put them. {@code preserveNodePorts}:
 * the restore kept Services' node ports, so they are compared (otherwise a differing node port is a note).
 * {@code transforms}: the restore's, so the comparison is with the transformed objects (none by default).
 */
public record DiffSpec(
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
        TransformSpec transforms) implements java.io.Serializable {

    public DiffSpec {
        // RestoreSpec validates every field the same way
        RestoreSpec checked = new RestoreSpec(backupName, includeNamespaces, excludeNamespaces, includeResources,
                excludeResources, labelSelector, objects, namespaceMapping, includeClusterResources, null, false, 0, false, false, null, null, false);
        includeNamespaces = checked.includeNamespaces();
        excludeNamespaces = checked.excludeNamespaces();
        includeResources = checked.includeResources();
        excludeResources = checked.excludeResources();
        objects = checked.objects();
        namespaceMapping = checked.namespaceMapping();
        LabelSelector.parse(labelSelector);
        transforms = transforms == null ? TransformSpec.NONE : transforms;
    }

    /** Without transforms. */
    public DiffSpec(String backupName, List<String> includeNamespaces, List<String> excludeNamespaces, List<String> includeResources,
                    List<String> excludeResources, String labelSelector, List<String> objects, Map<String, String> namespaceMapping,
                    Boolean includeClusterResources, boolean preserveNodePorts) {
        this(backupName, includeNamespaces, excludeNamespaces, includeResources, excludeResources, labelSelector, objects,
                namespaceMapping, includeClusterResources, preserveNodePorts, TransformSpec.NONE);
    }

    /** The diff of what a restore with this spec would compare against. */
    public static DiffSpec of(RestoreSpec r) {
        return new DiffSpec(r.backupName(), r.includeNamespaces(), r.excludeNamespaces(), r.includeResources(),
                r.excludeResources(), r.labelSelector(), r.objects(), r.namespaceMapping(), r.includeClusterResources(),
                r.preserveNodePorts(), r.transforms());
    }

    public ObjectSelection selection() {
        return new ObjectSelection(includeNamespaces, excludeNamespaces, includeResources, excludeResources, labelSelector,
                objects, namespaceMapping, includeClusterResources);
    }
}
