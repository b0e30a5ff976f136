package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.jenkins.cluster.ClusterOptions;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import org.kohsuke.stapler.DataBoundSetter;

/** Steps that talk to a Kubernetes cluster (k8sBackup, k8sRestore, verifyRestore). */
public abstract class ClusterStep<T> extends StorageStep<T> {
    private String credentialsId;
    private String serverUrl;
    private String caCertificate;
    private boolean skipTlsVerify;
    private String context;
    private double qps = ClusterOptions.DEFAULT_QPS;
    private int burst = ClusterOptions.DEFAULT_BURST;
    private String partialFailure = PartialFailure.UNSTABLE.name();

    ClusterOptions clusterOptions() {
        return new ClusterOptions(credentialsId, serverUrl, caCertificate, skipTlsVerify, context, qps, burst);
    }

    /** Resolves the cluster, storage and key credentials, in that order, after the step checked its arguments. */
    ClusterTargets targets(StepRun run) throws AbortException {
        return new ClusterTargets(run.cluster(clusterOptions()), run.storage(getStorage()),
                run.encryptionKey(getEncryptionCredentialsId()));
    }

    PartialFailure partialFailureMode() throws AbortException {
        return PartialFailure.parse(partialFailure);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Forms.trimToNull(credentialsId);
    }

    public String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        this.serverUrl = Forms.trimToNull(serverUrl);
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = Forms.trimToNull(caCertificate);
    }

    public boolean isSkipTlsVerify() {
        return skipTlsVerify;
    }

    @DataBoundSetter
    public void setSkipTlsVerify(boolean skipTlsVerify) {
        this.skipTlsVerify = skipTlsVerify;
    }

    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = Forms.trimToNull(context);
    }

    public double getQps() {
        return qps;
    }

    @DataBoundSetter
    public void setQps(double qps) {
        this.qps = qps;
    }

    public int getBurst() {
        return burst;
    }

    @DataBoundSetter
    public void setBurst(int burst) {
        this.burst = burst;
    }

    public String getPartialFailure() {
        return partialFailure;
    }

    /** 'UNSTABLE' (default) or 'FAILURE': what a partially failed run does to the build. */
    @DataBoundSetter
    public void setPartialFailure(String partialFailure) {
        this.partialFailure = partialFailure == null ? PartialFailure.UNSTABLE.name() : partialFailure.strip();
    }
}
