package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy;
import io.jenkins.plugins.k8sbackup.jenkins.agent.BackupCallable;
import io.jenkins.plugins.k8sbackup.jenkins.agent.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.hooks.BackupHook;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import io.jenkins.plugins.k8sbackup.util.Durations;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code k8sBackup}: backs up Kubernetes API objects to a storage location and returns
 * {@code [name:, status:, location:, objectCount:, totalBytes:, counts:, warnings:, errors:, pruned:]}.
 */
public class K8sBackupStep extends SelectingStep<Map<String, Object>> {
    public static final String FUNCTION = "k8sBackup";

    private String name;
    private boolean includeOwnedPods;
    private int pageSize = 500;
    private Map<String, String> labels = Map.of();
    private String ttl;
    private Integer keepLast;
    private String encrypt = BackupSpec.EncryptionMode.secrets.name();
    private boolean snapshotVolumes;
    private List<BackupHook> hooks = List.of();
    private Map<String, String> volumeSnapshotClasses = Map.of();
    private String defaultVolumeSnapshotClass;
    private String snapshotTimeout;

    @DataBoundConstructor
    public K8sBackupStep() {
    }

    @Override
    protected String functionName() {
        return FUNCTION;
    }

    @Override
    Map<String, Object> execute(StepRun run) throws Exception {
        FilePath workspace = run.requireWorkspace();
        StepArgs.checkName(FUNCTION, name);
        PartialFailure partial = partialFailureMode();
        RetentionPolicy retention = retention();
        BackupSpec.EncryptionMode mode = encryptionMode();
        java.time.Duration timeout = snapshotTimeout == null ? null : StepArgs.duration(FUNCTION, "snapshotTimeout", snapshotTimeout);
        ClusterTargets t = targets(run);
        BackupSpec spec;
        try {
            spec = selection.applyTo(BackupSpec.builder()).name(name).includeOwnedPods(includeOwnedPods).pageSize(pageSize)
                    .labels(run.labels(labels)).encryption(t.key().isPresent() ? mode : BackupSpec.EncryptionMode.none)
                    .snapshotVolumes(snapshotVolumes).volumeSnapshotClasses(volumeSnapshotClasses)
                    .defaultVolumeSnapshotClass(defaultVolumeSnapshotClass)
                    .snapshotTimeout(timeout)
                    .hooks(hooks.stream().map(BackupHook::toSpec).toList())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new AbortException(FUNCTION + ": " + e.getMessage());
        }
        run.log("backing up " + t.cluster().describe() + " to " + t.storage().describe()
                + t.key().map(k -> " (encrypting " + mode + " with " + k.describe() + ")").orElse(""));
        StepOutcome out = workspace.act(new BackupCallable(t.cluster(), t.storage(), spec, retention, t.key(), run.progress()));
        return run.finish(out, "Backup " + out.report().getOrDefault("name", ""), partial);
    }

    RetentionPolicy retention() throws AbortException {
        try {
            return new RetentionPolicy(ttl == null ? null : Durations.parse(ttl), keepLast);
        } catch (IllegalArgumentException e) {
            throw new AbortException(FUNCTION + ": " + e.getMessage());
        }
    }

    BackupSpec.EncryptionMode encryptionMode() throws AbortException {
        BackupSpec.EncryptionMode mode;
        try {
            mode = BackupSpec.EncryptionMode.valueOf(encrypt.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AbortException(FUNCTION + ": encrypt must be 'secrets' or 'all', not '" + encrypt + "'");
        }
        if (mode == BackupSpec.EncryptionMode.none) {
            throw new AbortException(FUNCTION + ": encrypt must be 'secrets' or 'all'; leave out encryptionCredentialsId to store without encryption");
        }
        return mode;
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = Forms.trimToNull(name);
    }

    public boolean isIncludeOwnedPods() {
        return includeOwnedPods;
    }

    @DataBoundSetter
    public void setIncludeOwnedPods(boolean includeOwnedPods) {
        this.includeOwnedPods = includeOwnedPods;
    }

    public int getPageSize() {
        return pageSize;
    }

    @DataBoundSetter
    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(Map<String, String> labels) {
        this.labels = StepArgs.map(labels);
    }

    public String getTtl() {
        return ttl;
    }

    @DataBoundSetter
    public void setTtl(String ttl) {
        this.ttl = Forms.trimToNull(ttl);
    }

    public Integer getKeepLast() {
        return keepLast;
    }

    @DataBoundSetter
    public void setKeepLast(Integer keepLast) {
        this.keepLast = keepLast;
    }

    public String getEncrypt() {
        return encrypt;
    }

    @DataBoundSetter
    public void setEncrypt(String encrypt) {
        this.encrypt = encrypt == null ? BackupSpec.EncryptionMode.secrets.name() : encrypt.strip();
    }

    public boolean isSnapshotVolumes() {
        return snapshotVolumes;
    }

    /** Take a CSI VolumeSnapshot of every captured PVC (docs/volumes-and-hooks.md). */
    @DataBoundSetter
    public void setSnapshotVolumes(boolean snapshotVolumes) {
        this.snapshotVolumes = snapshotVolumes;
    }

    public Map<String, String> getVolumeSnapshotClasses() {
        return volumeSnapshotClasses;
    }

    /** Storage class name to VolumeSnapshotClass name. */
    @DataBoundSetter
    public void setVolumeSnapshotClasses(Map<String, String> volumeSnapshotClasses) {
        this.volumeSnapshotClasses = volumeSnapshotClasses == null ? Map.of() : Map.copyOf(volumeSnapshotClasses);
    }

    public String getDefaultVolumeSnapshotClass() {
        return defaultVolumeSnapshotClass;
    }

    @DataBoundSetter
    public void setDefaultVolumeSnapshotClass(String defaultVolumeSnapshotClass) {
        this.defaultVolumeSnapshotClass = defaultVolumeSnapshotClass;
    }

    public String getSnapshotTimeout() {
        return snapshotTimeout;
    }

    /** How long to wait for each snapshot to be readyToUse, e.g. '10m'. */
    @DataBoundSetter
    public void setSnapshotTimeout(String snapshotTimeout) {
        this.snapshotTimeout = snapshotTimeout;
    }

    public List<BackupHook> getHooks() {
        return hooks;
    }

    /** Exec hooks, {@code [backupHook(...), ...]}, run in addition to Velero's pod annotations. */
    @DataBoundSetter
    public void setHooks(List<BackupHook> hooks) {
        this.hooks = hooks == null ? List.of() : List.copyOf(hooks);
    }

    @Extension
    public static class DescriptorImpl extends K8sStepDescriptor {
        public DescriptorImpl() {
            super(FUNCTION, UiText.get("K8sBackupStep.DisplayName"));
        }
    }
}
