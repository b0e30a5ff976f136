package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.cluster.ClusterConnection;
import io.jenkins.plugins.k8sbackup.jenkins.engine.BackupCallable;
import io.jenkins.plugins.k8sbackup.jenkins.engine.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.report.ReportEntry;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.util.Durations;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code k8sBackup}: backs up Kubernetes API objects to a storage location and returns
 * {@code [name:, status:, location:, objectCount:, totalBytes:, counts:, warnings:, errors:, pruned:]}.
 */
public class K8sBackupStep extends ClusterStep<Map<String, Object>> {
    public static final String FUNCTION = "k8sBackup";

    private String name;
    private List<String> includeNamespaces = List.of();
    private List<String> excludeNamespaces = List.of();
    private List<String> includeResources = List.of();
    private List<String> excludeResources = List.of();
    private String labelSelector;
    private Boolean includeClusterResources;
    private boolean includeOwnedPods;
    private int pageSize = 500;
    private Map<String, String> labels = Map.of();
    private String ttl;
    private Integer keepLast;
    private String encrypt = BackupSpec.EncryptionMode.secrets.name();

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
        if (name != null) {
            try {
                BackupCatalog.checkName(name);
            } catch (IllegalArgumentException e) {
                throw new AbortException(FUNCTION + ": " + e.getMessage());
            }
        }
        PartialFailure partial = PartialFailure.parse(getPartialFailure());
        RetentionPolicy retention = retention();
        BackupSpec.EncryptionMode mode = encryptionMode();
        ClusterConnection cluster = run.cluster(clusterOptions());
        ResolvedStorage storage = run.storage(getStorage());
        Optional<EncryptionKey> key = run.encryptionKey(getEncryptionCredentialsId());
        BackupSpec spec;
        try {
            spec = BackupSpec.builder().name(name).includeNamespaces(includeNamespaces).excludeNamespaces(excludeNamespaces)
                    .includeResources(includeResources).excludeResources(excludeResources).labelSelector(labelSelector)
                    .includeClusterResources(includeClusterResources).includeOwnedPods(includeOwnedPods).pageSize(pageSize)
                    .labels(run.labels(labels)).encryption(key.isPresent() ? mode : BackupSpec.EncryptionMode.none).build();
        } catch (IllegalArgumentException e) {
            throw new AbortException(FUNCTION + ": " + e.getMessage());
        }
        run.log("backing up " + cluster.describe() + " to " + storage.describe()
                + (key.isPresent() ? " (encrypting " + mode + " with key " + key.get().fingerprint() + ")" : ""));
        StepOutcome out = workspace.act(new BackupCallable(cluster, storage, spec, retention, key, run.progress()));
        run.log(out.summary());
        String title = "Backup " + out.report().getOrDefault("name", "");
        run.report(new ReportEntry(FUNCTION, title, out.status(), out.summary(), out.counts(), out.warnings(), out.errors()),
                out.report());
        partial.apply(out.status(), run.run, FUNCTION, out.summary());
        return out.report();
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

    public List<String> getIncludeNamespaces() {
        return includeNamespaces;
    }

    @DataBoundSetter
    public void setIncludeNamespaces(List<String> includeNamespaces) {
        this.includeNamespaces = StepArgs.list(includeNamespaces);
    }

    public List<String> getExcludeNamespaces() {
        return excludeNamespaces;
    }

    @DataBoundSetter
    public void setExcludeNamespaces(List<String> excludeNamespaces) {
        this.excludeNamespaces = StepArgs.list(excludeNamespaces);
    }

    public List<String> getIncludeResources() {
        return includeResources;
    }

    @DataBoundSetter
    public void setIncludeResources(List<String> includeResources) {
        this.includeResources = StepArgs.list(includeResources);
    }

    public List<String> getExcludeResources() {
        return excludeResources;
    }

    @DataBoundSetter
    public void setExcludeResources(List<String> excludeResources) {
        this.excludeResources = StepArgs.list(excludeResources);
    }

    public String getLabelSelector() {
        return labelSelector;
    }

    @DataBoundSetter
    public void setLabelSelector(String labelSelector) {
        this.labelSelector = Forms.trimToNull(labelSelector);
    }

    public Boolean getIncludeClusterResources() {
        return includeClusterResources;
    }

    @DataBoundSetter
    public void setIncludeClusterResources(Boolean includeClusterResources) {
        this.includeClusterResources = includeClusterResources;
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

    @Extension
    public static class DescriptorImpl extends K8sStepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return "Back up Kubernetes objects";
        }
    }
}
