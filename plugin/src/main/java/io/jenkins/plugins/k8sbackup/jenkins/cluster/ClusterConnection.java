package io.jenkins.plugins.k8sbackup.jenkins.cluster;

import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

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
    /** The build's KUBECONFIG, KUBERNETES_SERVICE_* and proxy variables (withKubeConfig, withEnv); null: the agent JVM's. */
    private final TreeMap<String, String> environment;

    private ClusterConnection(KubeTarget fromCredential, String context, double qps, int burst, String description,
                              TreeMap<String, String> environment) {
        this.fromCredential = fromCredential;
        this.context = context;
        this.qps = qps;
        this.burst = burst;
        this.description = description;
        this.environment = environment;
    }

    private ClusterConnection(KubeTarget fromCredential, String context, double qps, int burst, String description) {
        this(fromCredential, context, qps, burst, description, null);
    }

    /**
     * The same connection, finding the agent's configuration through the build's variables (KUBECONFIG...) and
     * reaching the API server through the build's proxy (HTTPS_PROXY, NO_PROXY...).
     */
    public ClusterConnection withEnvironment(Map<String, String> env) {
        TreeMap<String, String> kube = new TreeMap<>(ProxySettings.relevant(env));
        env.forEach((k, v) -> {
            if (AgentKubeconfig.VARIABLES.contains(k) && v != null) {
                kube.put(k, v);
            }
        });
        return new ClusterConnection(fromCredential, context, qps, burst, description, kube);
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
        return target(environment != null ? environment : System.getenv());
    }

    KubeTarget target(Map<String, String> env) throws IOException {
        KubeTarget target = fromCredential != null ? fromCredential : AgentKubeconfig.target(env, context, qps, burst);
        try {
            return target.withProxies(ProxySettings.fromEnvironment(env));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return "ClusterConnection[" + description + "]";
    }
}
