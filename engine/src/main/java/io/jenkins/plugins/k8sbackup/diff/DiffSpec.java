package io.jenkins.plugins.k8sbackup.diff;

import io.jenkins.plugins.k8sbackup.selection.Selection;
import io.jenkins.plugins.k8sbackup.selection.SelectionBuilder;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;

/**
 * What to compare: the same {@link Selection} as a restore's (its namespace filters name the backup's namespaces, its
 * mapping says where the restore put them). {@code preserveNodePorts}: the restore kept Services' node ports, so they
 * are compared (otherwise a differing node port is a note). {@code transforms}: the restore's, so the comparison is
 * with the transformed objects (none by default).
 */
public record DiffSpec(String backupName, Selection selection, boolean preserveNodePorts, TransformSpec transforms)
        implements java.io.Serializable {

    public DiffSpec {
        if (backupName == null || backupName.isBlank()) {
            throw new IllegalArgumentException("the name of the backup to compare is missing");
        }
        selection = selection == null ? Selection.EVERYTHING : selection;
        transforms = transforms == null ? TransformSpec.NONE : transforms;
    }

    /** The same comparison with another backup (a front-end's 'latest', once resolved). */
    public DiffSpec forBackup(String name) {
        return new DiffSpec(name, selection, preserveNodePorts, transforms);
    }

    public static Builder builder(String backupName) {
        return new Builder().backupName(backupName);
    }

    /** The selection's setters come from {@link SelectionBuilder}, which checks them. */
    public static final class Builder extends SelectionBuilder<Builder> {
        private String backupName;
        private boolean preserveNodePorts;
        private TransformSpec transforms = TransformSpec.NONE;

        public Builder backupName(String v) { backupName = v; return this; }
        public Builder preserveNodePorts(boolean v) { preserveNodePorts = v; return this; }
        public Builder transforms(TransformSpec v) { transforms = v; return this; }

        public DiffSpec build() {
            return new DiffSpec(backupName, selection(), preserveNodePorts, transforms);
        }
    }
}
