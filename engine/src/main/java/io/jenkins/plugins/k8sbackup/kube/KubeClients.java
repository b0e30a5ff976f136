package io.jenkins.plugins.k8sbackup.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.jenkins.plugins.k8sbackup.proxy.ProxyAddress;
import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.Remedy;
import io.jenkins.plugins.k8sbackup.remedy.FixableException;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

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

    /**
     * {@code config} with the proxy that {@code proxies} gives its API server, replacing what fabric8 read itself
     * (only upper-case variables of this JVM's environment): the proxy URL without credentials, the credentials as
     * fabric8's proxy user and password, and no NO_PROXY list, since {@link ProxySettings} already decided for the
     * one host this client talks to.
     */
    public static Config withProxy(Config config, ProxySettings proxies) throws IOException {
        Optional<ProxyAddress> proxy;
        try {
            proxy = proxies.forTarget(URI.create(config.getMasterUrl()));
        } catch (IllegalArgumentException e) {
            throw new IOException("the API server URL " + config.getMasterUrl() + " is not a URL", e);
        }
        Config out = new ConfigBuilder(config).build();
        out.setHttpsProxy(proxy.map(ProxyAddress::url).orElse(null));
        out.setHttpProxy(proxy.map(ProxyAddress::url).orElse(null));
        out.setNoProxy(null);
        out.setProxyUsername(proxy.filter(ProxyAddress::hasCredentials).map(ProxyAddress::username).orElse(null));
        out.setProxyPassword(proxy.filter(ProxyAddress::hasCredentials).map(ProxyAddress::password).orElse(null));
        return out;
    }

    /**
     * A client with fabric8's own retries off ({@link ApiCaller} retries, under the rate limit), on OkHttp: the client
     * Jenkins' kubernetes-client-api plugin ships. Named here rather than left to fabric8's service lookup, which
     * prefers vert.x wherever it is on the class path (the CLI carries it for the embedded API of {@code demo}).
     */
    public static KubernetesClient create(Config config) {
        Config tuned = new ConfigBuilder(config).withRequestRetryBackoffLimit(0)
                .withMaxConcurrentRequests(64).withMaxConcurrentRequestsPerHost(64).build();
        return new KubernetesClientBuilder().withHttpClientFactory(new OkHttpClientFactory()).withConfig(tuned).build();
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
