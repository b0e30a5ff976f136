package io.jenkins.plugins.k8sbackup.storage;

import io.jenkins.plugins.k8sbackup.proxy.ProxyAddress;
import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import java.net.URI;
import java.util.Optional;

/**
 * The proxy configuration of the SDK's two HTTP clients (apache for the plain S3 client, Netty for uploads) from
 * {@link ProxySettings}: the proxy of the endpoint's scheme (AWS itself: https), direct when NO_PROXY names the
 * endpoint, NO_PROXY's domains as the clients' non-proxy host patterns (AWS redirects and virtual-hosted bucket
 * names), and the SDK's own reading of this JVM's environment switched off, so only the given environment counts.
 */
final class S3Proxies {
    private static final URI AWS = URI.create("https://s3.amazonaws.com");

    private S3Proxies() {}

    static software.amazon.awssdk.http.apache.ProxyConfiguration apache(ProxySettings proxies, URI endpoint) {
        var b = software.amazon.awssdk.http.apache.ProxyConfiguration.builder()
                .useEnvironmentVariableValues(false).useSystemPropertyValues(false);
        proxy(proxies, endpoint).ifPresent(p -> {
            b.endpoint(URI.create(p.url())).nonProxyHosts(proxies.noProxy().hostPatterns());
            if (p.hasCredentials()) {
                b.username(p.username()).password(p.password()).preemptiveBasicAuthenticationEnabled(true);
            }
        });
        return b.build();
    }

    static software.amazon.awssdk.http.nio.netty.ProxyConfiguration netty(ProxySettings proxies, URI endpoint) {
        var b = software.amazon.awssdk.http.nio.netty.ProxyConfiguration.builder()
                .useEnvironmentVariableValues(false).useSystemPropertyValues(false);
        proxy(proxies, endpoint).ifPresent(p -> {
            b.scheme("http").host(p.host()).port(p.port()).nonProxyHosts(proxies.noProxy().hostPatterns());
            if (p.hasCredentials()) {
                b.username(p.username()).password(p.password());
            }
        });
        return b.build();
    }

    private static Optional<ProxyAddress> proxy(ProxySettings proxies, URI endpoint) {
        return proxies.forTarget(endpoint != null ? endpoint : AWS);
    }
}
