package io.jenkins.plugins.k8sbackup.ops;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.KubeClients;
import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.Remedy;
import io.jenkins.plugins.k8sbackup.remedy.FixableException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which cluster to talk to and how fast, in a form that can travel from the Jenkins controller to an agent:
 * kubeconfig text resolved from a credential (never printed), an optional context, and the client-side
 * rate cap ({@code qps} <= 0: none, the rate adapts to the server, see {@link ApiCaller#defaults}), and the HTTP
 * proxies of the environment the run belongs to (a Jenkins build's; by default this process', see
 * {@link ProxySettings}).
 */
public final class KubeTarget implements Serializable {
    private static final long serialVersionUID = 2L;

    private final String kubeconfig;
    private final String context;
    private final double qps;
    private final int burst;
    /** Null: this process' environment, read where the client is built. */
    private final ProxySettings proxies;

    public KubeTarget(String kubeconfig, String context, double qps, int burst) {
        this(kubeconfig, context, qps, burst, null);
    }

    private KubeTarget(String kubeconfig, String context, double qps, int burst, ProxySettings proxies) {
        this.kubeconfig = kubeconfig;
        this.context = context;
        this.qps = qps;
        this.burst = burst;
        this.proxies = proxies;
    }

    /** The same cluster, reached through the proxies of {@code proxies} (a build's environment) instead. */
    public KubeTarget withProxies(ProxySettings proxies) {
        return new KubeTarget(kubeconfig, context, qps, burst, proxies);
    }

    public static KubeTarget fromFile(Path kubeconfig, String context, double qps, int burst) throws IOException {
        if (!Files.isRegularFile(kubeconfig)) {
            throw new FixableException(new Fix("kubeconfig " + kubeconfig + " does not exist or is not a file",
                    Remedy.GIVE_KUBECONFIG, kubeconfig.toString()));
        }
        return new KubeTarget(Files.readString(kubeconfig), context, qps, burst);
    }

    public Config config() throws IOException {
        return KubeClients.withProxy(KubeClients.fromKubeconfigText(kubeconfig, context), proxies());
    }

    public KubernetesClient client() throws IOException {
        return KubeClients.create(config());
    }

    private ProxySettings proxies() throws IOException {
        try {
            return proxies != null ? proxies : ProxySettings.fromProcess();
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public ApiCaller caller() {
        return ApiCaller.defaults(qps, burst);
    }

    @Override
    public String toString() {
        return "KubeTarget[context=" + context + ", qps=" + qps + ", burst=" + burst
                + (proxies == null ? "" : ", " + proxies) + "]";
    }
}
