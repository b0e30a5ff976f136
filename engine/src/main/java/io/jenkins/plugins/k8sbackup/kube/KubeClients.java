package io.jenkins.plugins.k8sbackup.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.Remedy;
import io.jenkins.plugins.k8sbackup.remedy.FixableException;
import java.io.IOException;

/** Builds fabric8 clients from a kubeconfig or a ready {@link Config}, tuned for bulk work. */
public final class KubeClients {
    private KubeClients() {}

    /** Parses kubeconfig text held in memory (e.g. from a Jenkins credential); errors never echo the text. */
    public static Config fromKubeconfigText(String kubeconfig, String context) throws IOException {
        if (kubeconfig == null || kubeconfig.isBlank()) {
            throw new IOException("the kubeconfig is empty");
        }
        Config config;
        try {
            config = Config.fromKubeconfig(context, kubeconfig, null);
        } catch (RuntimeException e) {
            throw new IOException("the kubeconfig cannot be read: " + firstLine(e), e);
        }
        if (context != null && !context.isEmpty() && (config.getCurrentContext() == null
                || !context.equals(config.getCurrentContext().getName()))) {
            throw new FixableException(new Fix("the kubeconfig has no context named '" + context + "'", Remedy.GIVE_CONTEXT, context));
        }
        return config;
    }

    /** A client with fabric8's own retries off: {@link ApiCaller} retries, under the rate limit. */
    public static KubernetesClient create(Config config) {
        Config tuned = new ConfigBuilder(config).withRequestRetryBackoffLimit(0)
                .withMaxConcurrentRequests(64).withMaxConcurrentRequestsPerHost(64).build();
        return new KubernetesClientBuilder().withConfig(tuned).build();
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
