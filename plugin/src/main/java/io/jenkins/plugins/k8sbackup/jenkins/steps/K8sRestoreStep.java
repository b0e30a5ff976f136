package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.cluster.ClusterConnection;
import io.jenkins.plugins.k8sbackup.jenkins.engine.BackupRef;
import io.jenkins.plugins.k8sbackup.jenkins.engine.RestoreCallable;
import io.jenkins.plugins.k8sbackup.jenkins.engine.RestoreRequest;
import io.jenkins.plugins.k8sbackup.jenkins.engine.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.report.ReportEntry;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.util.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code k8sRestore}: restores a backup (by name, or {@code 'latest'} among those whose labels match, taken
 * before a given build) into a cluster, optionally mapped to other namespaces, and returns the restore report.
 */
public class K8sRestoreStep extends ClusterStep<Map<String, Object>> {
    public static final String FUNCTION = "k8sRestore";
    static final Set<String> POLICIES = Set.of("skip", "update", "replace", "fail");

    private final String backup;
    private Map<String, String> labels = Map.of();
    private Integer beforeBuild;
    private Map<String, String> namespaceMapping = Map.of();
    private String existingResourcePolicy = "skip";
    private boolean dryRun;
    private int concurrency = 8;
    private List<String> includeNamespaces = List.of();
    private List<String> excludeNamespaces = List.of();
    private List<String> includeResources = List.of();
    private List<String> excludeResources = List.of();
    private List<String> objects = List.of();
    private String labelSelector;
    private Boolean includeClusterResources;
    private String waitTimeout = "60s";

    @DataBoundConstructor
    public K8sRestoreStep(String backup) {
        this.backup = backup == null ? null : backup.strip();
    }

    @Override
    protected String functionName() {
        return FUNCTION;
    }

    @Override
    Map<String, Object> execute(StepRun run) throws Exception {
        var workspace = run.requireWorkspace();
        BackupRef ref = SelectsBackup.ref(FUNCTION, backup, labels, beforeBuild);
        RestoreRequest request = request(ref);
        PartialFailure partial = PartialFailure.parse(getPartialFailure());
        ClusterConnection cluster = run.cluster(clusterOptions());
        ResolvedStorage storage = run.storage(getStorage());
        Optional<EncryptionKey> key = run.encryptionKey(getEncryptionCredentialsId());
        run.log((dryRun ? "dry-run of restoring " : "restoring ") + describe(ref) + " from " + storage.describe() + " into "
                + cluster.describe() + (namespaceMapping.isEmpty() ? "" : ", namespaces mapped " + namespaceMapping));
        StepOutcome out = workspace.act(RestoreCallable.restore(cluster, storage, request, key, run.progress()));
        run.log(out.summary());
        run.report(new ReportEntry(FUNCTION, (dryRun ? "Dry-run restore " : "Restore ") + out.report().getOrDefault("backup", backup),
                out.status(), out.summary(), out.counts(), out.warnings(), out.errors()), out.report());
        partial.apply(out.status(), run.run, FUNCTION, out.summary());
        return out.report();
    }

    RestoreRequest request(BackupRef ref) throws AbortException {
        String policy = existingResourcePolicy.toLowerCase(Locale.ROOT);
        if (!POLICIES.contains(policy)) {
            throw new AbortException(FUNCTION + ": existingResourcePolicy must be one of skip, update, replace, fail; not '"
                    + existingResourcePolicy + "'");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new AbortException(FUNCTION + ": concurrency must be between 1 and 64");
        }
        Duration wait;
        try {
            wait = Durations.parse(waitTimeout);
        } catch (IllegalArgumentException e) {
            throw new AbortException(FUNCTION + ": waitTimeout: " + e.getMessage());
        }
        for (Map.Entry<String, String> e : namespaceMapping.entrySet()) {
            if (!e.getKey().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || !e.getValue().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
                throw new AbortException(FUNCTION + ": namespaceMapping " + e.getKey() + " -> " + e.getValue()
                        + " must map namespace names to namespace names");
            }
        }
        return new RestoreRequest(ref, includeNamespaces, excludeNamespaces, includeResources, excludeResources, labelSelector,
                objects, namespaceMapping, includeClusterResources, policy, dryRun, concurrency, wait);
    }

    static String describe(BackupRef ref) {
        if (!ref.isLatest()) {
            return "backup " + ref.backup();
        }
        return "the latest backup" + (ref.labels().isEmpty() ? "" : " with labels " + ref.labels())
                + (ref.beforeBuild() == null ? "" : " taken before build " + ref.beforeBuild());
    }

    public String getBackup() {
        return backup;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    /** With {@code backup: 'latest'}: only backups whose labels include all of these. */
    @DataBoundSetter
    public void setLabels(Map<String, String> labels) {
        this.labels = StepArgs.map(labels);
    }

    public Integer getBeforeBuild() {
        return beforeBuild;
    }

    /** With {@code backup: 'latest'}: only backups whose BUILD_NUMBER label is lower. */
    @DataBoundSetter
    public void setBeforeBuild(Integer beforeBuild) {
        this.beforeBuild = beforeBuild;
    }

    public Map<String, String> getNamespaceMapping() {
        return namespaceMapping;
    }

    @DataBoundSetter
    public void setNamespaceMapping(Map<String, String> namespaceMapping) {
        this.namespaceMapping = StepArgs.map(namespaceMapping);
    }

    public String getExistingResourcePolicy() {
        return existingResourcePolicy;
    }

    @DataBoundSetter
    public void setExistingResourcePolicy(String existingResourcePolicy) {
        this.existingResourcePolicy = existingResourcePolicy == null ? "skip" : existingResourcePolicy.strip();
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public int getConcurrency() {
        return concurrency;
    }

    @DataBoundSetter
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
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

    public List<String> getObjects() {
        return objects;
    }

    /** Single objects: "resource/namespace/name" or "resource/name" for cluster-scoped ones. */
    @DataBoundSetter
    public void setObjects(List<String> objects) {
        this.objects = StepArgs.list(objects);
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

    public String getWaitTimeout() {
        return waitTimeout;
    }

    @DataBoundSetter
    public void setWaitTimeout(String waitTimeout) {
        this.waitTimeout = waitTimeout == null || waitTimeout.isBlank() ? "60s" : waitTimeout.strip();
    }

    @Extension
    public static class DescriptorImpl extends K8sStepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return "Restore Kubernetes objects from a backup";
        }
    }
}
