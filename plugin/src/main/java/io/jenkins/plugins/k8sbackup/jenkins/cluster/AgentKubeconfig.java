package io.jenkins.plugins.k8sbackup.jenkins.cluster;

import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Finds the cluster configuration of the machine a step runs on when no credential was given: the first
 * file of {@code KUBECONFIG}, then {@code ~/.kube/config}, then the pod's service account (for agents
 * running in the cluster they back up).
 */
final class AgentKubeconfig {
    /** The variables this lookup reads. */
    static final Set<String> VARIABLES = Set.of("KUBECONFIG", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT");
    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private AgentKubeconfig() {}

    static KubeTarget target(Map<String, String> env, String context, double qps, int burst) throws IOException {
        return target(env, Path.of(System.getProperty("user.home")), SERVICE_ACCOUNT, context, qps, burst);
    }

    static KubeTarget target(Map<String, String> env, Path home, Path serviceAccount, String context, double qps, int burst)
            throws IOException {
        String kubeconfigVar = env.get("KUBECONFIG");
        if (kubeconfigVar != null && !kubeconfigVar.isBlank()) {
            Path first = Path.of(kubeconfigVar.split(File.pathSeparator)[0]);
            return KubeTarget.fromFile(first, context, qps, burst);
        }
        Path userConfig = home.resolve(".kube/config");
        if (Files.isRegularFile(userConfig)) {
            return KubeTarget.fromFile(userConfig, context, qps, burst);
        }
        Path token = serviceAccount.resolve("token");
        String host = env.get("KUBERNETES_SERVICE_HOST");
        if (Files.isRegularFile(token) && host != null) {
            String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
            return new KubeTarget(inClusterKubeconfig(host, port, serviceAccount.resolve("ca.crt"), Files.readString(token).strip()),
                    null, qps, burst);
        }
        throw new IOException("no credentialsId was given and this agent has no cluster configuration: set KUBECONFIG, "
                + "provide ~/.kube/config, run the agent in the cluster with a service account, or pass credentialsId");
    }

    static String inClusterKubeconfig(String host, String port, Path caFile, String token) {
        String server = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: in-cluster
                  cluster:
                    server: %s
                    certificate-authority: %s
                users:
                - name: service-account
                  user:
                    token: %s
                contexts:
                - name: in-cluster
                  context:
                    cluster: in-cluster
                    user: service-account
                current-context: in-cluster
                """.formatted(server, caFile, token);
    }
}
