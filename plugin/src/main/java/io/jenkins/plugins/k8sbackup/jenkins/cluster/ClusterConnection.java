package io.jenkins.plugins.k8sbackup.jenkins.cluster;

import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

/**
 * The cluster as the agent will reach it: a kubeconfig built on the controller from a credential, or the
 * agent's own configuration (found there, at run time). {@link #toString()} never shows the kubeconfig.
 */
public final class ClusterConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    private final KubeTarget fromCredential;
    private final String context;
    private final double qps;
    private final int burst;
    private final String description;

    private ClusterConnection(KubeTarget fromCredential, String context, double qps, int burst, String description) {
        this.fromCredential = fromCredential;
        this.context = context;
        this.qps = qps;
        this.burst = burst;
        this.description = description;
    }

    public static ClusterConnection ofKubeconfig(String kubeconfig, String context, double qps, int burst, String description) {
        return new ClusterConnection(new KubeTarget(kubeconfig, context, qps, burst), context, qps, burst, description);
    }

    public static ClusterConnection agentDefault(String context, double qps, int burst) {
        return new ClusterConnection(null, context, qps, burst, "the agent's kubeconfig or in-cluster service account");
    }

    public boolean usesAgentDefault() {
        return fromCredential == null;
    }

    /** On the agent. */
    public KubeTarget target() throws IOException {
        return fromCredential != null ? fromCredential : AgentKubeconfig.target(System.getenv(), context, qps, burst);
    }

    KubeTarget target(Map<String, String> env) throws IOException {
        return fromCredential != null ? fromCredential : AgentKubeconfig.target(env, context, qps, burst);
    }

    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return "ClusterConnection[" + description + "]";
    }
}
