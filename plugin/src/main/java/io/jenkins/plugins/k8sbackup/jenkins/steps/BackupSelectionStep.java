package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.jenkins.agent.BackupRef;
import io.jenkins.plugins.k8sbackup.selection.Selection;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What k8sRestore and verifyRestore share, with the same parameter names so one Jenkinsfile fragment serves
 * both: the backup ({@code backup}, {@code labels}, {@code beforeBuild}), the selection within it (namespaces of
 * the backup, resources, label selector, single objects, cluster-scoped switch) and the {@code namespaceMapping}
 * that puts the backup's namespaces elsewhere.
 */
public abstract class BackupSelectionStep<T> extends SelectingStep<T> {
    final SelectsBackup selects;
    private Map<String, String> namespaceMapping = Map.of();
    private List<String> objects = List.of();
    private final TransformParams transforms = new TransformParams();

    BackupSelectionStep(String backup) {
        this.selects = new SelectsBackup(backup);
    }

    /** The selection and mapping, checked by the engine's one parser: its usage error is the step's. */
    Selection selection() throws AbortException {
        return StepArgs.checked(functionName(),
                () -> selection.applyTo(Selection.builder()).objects(objects).namespaceMapping(namespaceMapping).build());
    }

    BackupRef ref() throws AbortException {
        return selects.ref(functionName());
    }

    public String getBackup() {
        return selects.backup();
    }

    public Map<String, String> getLabels() {
        return selects.labels();
    }

    /** With {@code backup: 'latest'}: only backups whose labels include all of these. */
    @DataBoundSetter
    public void setLabels(Map<String, String> labels) {
        selects.labels(labels);
    }

    public Integer getBeforeBuild() {
        return selects.beforeBuild();
    }

    /** With {@code backup: 'latest'}: only backups whose BUILD_NUMBER label is lower. */
    @DataBoundSetter
    public void setBeforeBuild(Integer beforeBuild) {
        selects.beforeBuild(beforeBuild);
    }

    public Map<String, String> getNamespaceMapping() {
        return namespaceMapping;
    }

    /** {@code [backupNamespace: 'targetNamespace']}: applied after the selection. */
    @DataBoundSetter
    public void setNamespaceMapping(Map<String, String> namespaceMapping) {
        this.namespaceMapping = StepArgs.map(namespaceMapping);
    }

    public List<String> getObjects() {
        return objects;
    }

    /** Single objects: "resource/namespace/name" (the backup's namespace) or "resource/name" for cluster-scoped ones. */
    @DataBoundSetter
    public void setObjects(List<String> objects) {
        this.objects = StepArgs.list(objects);
    }

    /**
     * The transforms, with a workspace file read and Secret values taken from credentials: the engine applies them
     * after the namespace mapping.
     */
    TransformSpec transforms(StepRun run) throws AbortException, InterruptedException {
        return transforms.spec(functionName(), run.requireWorkspace(), run.credentials);
    }

    public String getTransforms() {
        return transforms.transforms;
    }

    /** A Velero resource modifiers file (version: v1, resourceModifierRules) in the workspace, or that YAML itself. */
    @DataBoundSetter
    public void setTransforms(String transforms) {
        this.transforms.transforms = transforms;
    }

    public Map<String, String> getMapStorageClass() {
        return transforms.storageClasses;
    }

    /** {@code [standard: 'fast-staging']}: storage class of PVCs, PVs and StatefulSet claim templates. */
    @DataBoundSetter
    public void setMapStorageClass(Map<String, String> map) {
        transforms.storageClasses = StepArgs.map(map);
    }

    public Map<String, String> getRewriteImage() {
        return transforms.imagePrefixes;
    }

    /** {@code ['registry.prod.example.com/': 'registry.staging.example.com/']}: image prefixes of all containers. */
    @DataBoundSetter
    public void setRewriteImage(Map<String, String> map) {
        transforms.imagePrefixes = StepArgs.map(map);
    }

    public List<String> getRewriteHost() {
        return transforms.hosts;
    }

    /** {@code ['*.example.com=*.staging.example.com']}: hosts of Ingresses, Gateway API routes, Certificates. */
    @DataBoundSetter
    public void setRewriteHost(List<String> hosts) {
        transforms.hosts = StepArgs.list(hosts);
    }

    public Integer getScale() {
        return transforms.replicas;
    }

    /** Replicas of Deployments, StatefulSets, ReplicaSets and RCs (0 = dormant). */
    @DataBoundSetter
    public void setScale(Integer replicas) {
        transforms.replicas = replicas;
    }

    public boolean isDropHpa() {
        return transforms.dropHpa;
    }

    @DataBoundSetter
    public void setDropHpa(boolean dropHpa) {
        transforms.dropHpa = dropHpa;
    }

    public Integer getCapHpaMax() {
        return transforms.hpaMax;
    }

    @DataBoundSetter
    public void setCapHpaMax(Integer max) {
        transforms.hpaMax = max;
    }

    public boolean isStripNodePlacement() {
        return transforms.stripNodePlacement;
    }

    @DataBoundSetter
    public void setStripNodePlacement(boolean strip) {
        transforms.stripNodePlacement = strip;
    }

    public String getExcludeSecrets() {
        return transforms.excludeSecrets;
    }

    public Map<String, String> getSecretValues() {
        return transforms.secretValues;
    }

    /**
     * {@code ['shop/web-secrets/SESSION_KEY': 'staging-session-key']}: the Secret's data becomes these keys, each
     * the text of a secret text credential; its other keys are dropped.
     */
    @DataBoundSetter
    public void setSecretValues(Map<String, String> values) {
        transforms.secretValues = StepArgs.map(values);
    }

    /** Leave Secrets out: those matching this label selector, or all of them with ''. */
    @DataBoundSetter
    public void setExcludeSecrets(String selector) {
        transforms.excludeSecrets = selector == null ? null : selector.strip();
    }
}
