package io.jenkins.plugins.k8sbackup.jenkins.cluster;

/**
 * How a step reaches the cluster, as the user wrote it: a Kubernetes credential (kubeconfig file, token,
 * username/password or certificate, through kubernetes-credentials) plus the API server URL and its TLS
 * trust, or nothing, meaning the agent's own kubeconfig or in-cluster service account.
 */
public record ClusterOptions(String credentialsId, String serverUrl, String caCertificate, boolean skipTlsVerify,
                             String context, double qps, int burst) {
    /** No cap: the rate adapts to the API server (see the engine's AdaptiveRateLimiter). */
    public static final double DEFAULT_QPS = 0;
    public static final int DEFAULT_BURST = 100;
}
