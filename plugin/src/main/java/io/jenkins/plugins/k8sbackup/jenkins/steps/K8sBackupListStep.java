package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.jenkins.agent.ListCallable;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code k8sBackupList}: the backups at a storage location, newest first, each
 * {@code [name:, kind:, status:, restorable:, startTime:, endTime:, totalBytes:, objectCount:, labels:, expiresAt:,
 * activity:]} ({@code activity}: who is writing, reading or deleting it, or the stale claim of a killed run; '' when idle).
 */
public class K8sBackupListStep extends StorageStep<List<Map<String, Object>>> {
    public static final String FUNCTION = "k8sBackupList";

    private String kind = "kubernetes";
    private Map<String, String> labels = Map.of();

    @DataBoundConstructor
    public K8sBackupListStep() {
    }

    @Override
    protected String functionName() {
        return FUNCTION;
    }

    @Override
    List<Map<String, Object>> execute(StepRun run) throws Exception {
        var workspace = run.requireWorkspace();
        BackupKind backupKind = kind();
        ResolvedStorage storage = run.storage(getStorage());
        List<Map<String, Object>> backups = new ArrayList<>(workspace.act(new ListCallable(storage, backupKind, labels)));
        run.log(backups.size() + " " + kind + " backups at " + storage.describe());
        return backups;
    }

    BackupKind kind() throws AbortException {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "kubernetes" -> BackupKind.KUBERNETES;
            case "jenkins" -> BackupKind.JENKINS_HOME;
            case "etcd" -> BackupKind.ETCD;
            default -> throw new AbortException(FUNCTION + ": kind must be 'kubernetes', 'jenkins' or 'etcd', not '" + kind + "'");
        };
    }

    public String getKind() {
        return kind;
    }

    @DataBoundSetter
    public void setKind(String kind) {
        this.kind = kind == null || kind.isBlank() ? "kubernetes" : kind.strip();
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(Map<String, String> labels) {
        this.labels = StepArgs.map(labels);
    }

    @Extension
    public static class DescriptorImpl extends K8sStepDescriptor {
        public DescriptorImpl() {
            super(FUNCTION, UiText.get("K8sBackupListStep.DisplayName"));
        }
    }
}
