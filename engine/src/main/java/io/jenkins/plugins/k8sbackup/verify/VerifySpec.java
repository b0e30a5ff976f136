package io.jenkins.plugins.k8sbackup.verify;

import io.jenkins.plugins.k8sbackup.selection.Selection;
import io.jenkins.plugins.k8sbackup.selection.SelectionBuilder;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import java.time.Duration;
import java.util.List;

/**
 * What to verify: the restore's {@link Selection} (to verify a clone: it names the backup's namespaces, its mapping
 * where the restore put them), whether the restore kept node ports, how long workloads and checks may take to become
 * ready, how often to look, optional API checks, and the restore's transforms (verification is against the
 * transformed objects; none by default).
 */
public record VerifySpec(
        String backupName,
        Selection selection,
        boolean preserveNodePorts,
        Duration timeout,
        Duration pollInterval,
        List<VerifyCheck> checks,
        TransformSpec transforms) implements java.io.Serializable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public VerifySpec {
        if (backupName == null || backupName.isBlank()) {
            throw new IllegalArgumentException("the name of the backup to verify against is missing");
        }
        selection = selection == null ? Selection.EVERYTHING : selection;
        timeout = timeout == null || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
        pollInterval = pollInterval == null || pollInterval.isNegative() || pollInterval.isZero() ? Duration.ofSeconds(2) : pollInterval;
        checks = checks == null ? List.of() : List.copyOf(checks);
        transforms = transforms == null ? TransformSpec.NONE : transforms;
    }

    /** The same verification against another backup (a front-end's 'latest', once resolved). */
    public VerifySpec forBackup(String name) {
        return new VerifySpec(name, selection, preserveNodePorts, timeout, pollInterval, checks, transforms);
    }

    public static Builder builder(String backupName) {
        return new Builder().backupName(backupName);
    }

    /** The selection's setters come from {@link SelectionBuilder}, which checks them. */
    public static final class Builder extends SelectionBuilder<Builder> {
        private String backupName;
        private boolean preserveNodePorts;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration pollInterval = Duration.ofSeconds(2);
        private List<VerifyCheck> checks = List.of();
        private TransformSpec transforms = TransformSpec.NONE;

        public Builder backupName(String v) { backupName = v; return this; }
        public Builder preserveNodePorts(boolean v) { preserveNodePorts = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder pollInterval(Duration v) { pollInterval = v; return this; }
        public Builder checks(List<VerifyCheck> v) { checks = v; return this; }
        public Builder transforms(TransformSpec v) { transforms = v; return this; }

        public VerifySpec build() {
            return new VerifySpec(backupName, selection(), preserveNodePorts, timeout, pollInterval, checks, transforms);
        }
    }
}
