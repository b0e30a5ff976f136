package io.jenkins.plugins.k8sbackup.jenkins.steps;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.credentials.EtcdCredentials;
import io.jenkins.plugins.k8sbackup.jenkins.credentials.EtcdTls;
import io.jenkins.plugins.k8sbackup.jenkins.agent.EtcdSnapshotCallable;
import io.jenkins.plugins.k8sbackup.jenkins.agent.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code etcdSnapshot}: streams a snapshot of a self-managed cluster's etcd to the storage, with its sha256 and
 * a manifest, optionally verifying it, and optionally keeps the PKI directory and other control-plane files of the
 * agent with it ({@code includePki}, {@code includeFiles}); TLS client certificates and the CA come from credentials.
 */
public class EtcdSnapshotStep extends StorageStep<Map<String, Object>> {
    public static final String FUNCTION = "etcdSnapshot";

    private final List<String> endpoints;
    private String credentialsId;
    private String certCredentialsId;
    private String keyCredentialsId;
    private String caCredentialsId;
    private String caCertificate;
    private String name;
    private boolean verify;
    private Map<String, String> labels = Map.of();
    private String includePki;
    private List<String> includeFiles = List.of();

    @DataBoundConstructor
    public EtcdSnapshotStep(List<String> endpoints) {
        this.endpoints = StepArgs.list(endpoints);
    }

    @Override
    protected String functionName() {
        return FUNCTION;
    }

    @Override
    Map<String, Object> execute(StepRun run) throws Exception {
        var workspace = run.requireWorkspace();
        checkEndpoints();
        StepArgs.checkName(FUNCTION, name);
        EtcdTls tls = EtcdCredentials.resolve(run.credentials, credentialsId, certCredentialsId, keyCredentialsId,
                caCredentialsId, caCertificate);
        ResolvedStorage storage = run.storage(getStorage());
        Optional<EncryptionKey> key = run.encryptionKey(getEncryptionCredentialsId());
        run.log("snapshotting etcd " + endpoints + " to " + storage.describe() + (verify ? " and verifying it" : ""));
        StepOutcome out = workspace.act(new EtcdSnapshotCallable(endpoints, tls, storage, name, verify, key.orElse(null),
                run.labels(labels), includePki, includeFiles, run.progress()));
        return run.finish(out, "etcd snapshot " + out.report().getOrDefault("name", ""), PartialFailure.FAILURE);
    }

    void checkEndpoints() throws AbortException {
        if (endpoints.isEmpty()) {
            throw new AbortException(FUNCTION + ": endpoints are required, e.g. ['https://10.0.0.10:2379']");
        }
        for (String e : endpoints) {
            URI uri;
            try {
                uri = URI.create(e);
            } catch (IllegalArgumentException bad) {
                throw new AbortException(FUNCTION + ": endpoint '" + e + "' is not a URL");
            }
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getUserInfo() != null) {
                throw new AbortException(FUNCTION + ": endpoint '" + e + "' must be https://host:port (or http:// for a local etcd)");
            }
        }
    }

    public List<String> getEndpoints() {
        return endpoints;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** A certificate credential holding the etcd client certificate and key. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Forms.trimToNull(credentialsId);
    }

    public String getCertCredentialsId() {
        return certCredentialsId;
    }

    @DataBoundSetter
    public void setCertCredentialsId(String certCredentialsId) {
        this.certCredentialsId = Forms.trimToNull(certCredentialsId);
    }

    public String getKeyCredentialsId() {
        return keyCredentialsId;
    }

    @DataBoundSetter
    public void setKeyCredentialsId(String keyCredentialsId) {
        this.keyCredentialsId = Forms.trimToNull(keyCredentialsId);
    }

    public String getCaCredentialsId() {
        return caCredentialsId;
    }

    @DataBoundSetter
    public void setCaCredentialsId(String caCredentialsId) {
        this.caCredentialsId = Forms.trimToNull(caCredentialsId);
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = Forms.trimToNull(caCertificate);
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = Forms.trimToNull(name);
    }

    public boolean isVerify() {
        return verify;
    }

    @DataBoundSetter
    public void setVerify(boolean verify) {
        this.verify = verify;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(Map<String, String> labels) {
        this.labels = StepArgs.map(labels);
    }

    public String getIncludePki() {
        return includePki;
    }

    /** A PKI directory on the agent (e.g. '/etc/kubernetes/pki') to keep with the snapshot; relative to the workspace. */
    @DataBoundSetter
    public void setIncludePki(String includePki) {
        this.includePki = Forms.trimToNull(includePki);
    }

    public List<String> getIncludeFiles() {
        return includeFiles;
    }

    /** Files on the agent to keep with the snapshot (kubeadm config, static pod manifests, encryption config). */
    @DataBoundSetter
    public void setIncludeFiles(List<String> includeFiles) {
        this.includeFiles = StepArgs.list(includeFiles);
    }

    @Extension
    public static class DescriptorImpl extends K8sStepDescriptor {
        public DescriptorImpl() {
            super(FUNCTION, UiText.get("EtcdSnapshotStep.DisplayName"));
        }

        /** etcd client certificates, not Kubernetes credentials. */
        @Override
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
                                                     @QueryParameter String serverUrl) {
            return Forms.credentialItems(item, credentialsId, CredentialsMatchers.instanceOf(StandardCertificateCredentials.class));
        }

        @POST
        public ListBoxModel doFillCertCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String certCredentialsId) {
            return pemFiles(item, certCredentialsId);
        }

        @POST
        public ListBoxModel doFillKeyCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String keyCredentialsId) {
            return pemFiles(item, keyCredentialsId);
        }

        @POST
        public ListBoxModel doFillCaCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String caCredentialsId) {
            return pemFiles(item, caCredentialsId);
        }

        private static ListBoxModel pemFiles(Item item, String current) {
            return Forms.credentialItems(item, current, CredentialsMatchers.instanceOf(FileCredentials.class));
        }
    }
}
