package io.jenkins.plugins.k8sbackup.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy configuration handed to the SDK's HTTP clients, as the clients will read it. */
class S3ProxiesTest {
    private static final ProxySettings PROXIES = ProxySettings.fromEnvironment(Map.of(
            "HTTPS_PROXY", "http://bot:s3cr3t@secure-proxy:3128", "HTTP_PROXY", "http://plain-proxy:8080",
            "NO_PROXY", ".internal,10.0.0.0/8"));

    @Test
    void awsItselfGoesThroughTheHttpsProxyWithItsCredentials() {
        var apache = S3Proxies.apache(PROXIES, null);
        var netty = S3Proxies.netty(PROXIES, null);

        assertThat(apache.host()).isEqualTo("secure-proxy");
        assertThat(apache.port()).isEqualTo(3128);
        assertThat(apache.username()).isEqualTo("bot");
        assertThat(apache.password()).isEqualTo("s3cr3t");
        assertThat(apache.nonProxyHosts()).anyMatch("minio.internal"::matches);
        assertThat(netty.host()).isEqualTo("secure-proxy");
        assertThat(netty.port()).isEqualTo(3128);
        assertThat(netty.username()).isEqualTo("bot");
        assertThat(netty.password()).isEqualTo("s3cr3t");
        assertThat(netty.nonProxyHosts()).anyMatch("minio.internal"::matches);
    }

    @Test
    void anHttpEndpointGoesThroughTheHttpProxy() {
        URI endpoint = URI.create("http://storage.example.org:9000");

        assertThat(S3Proxies.apache(PROXIES, endpoint).host()).isEqualTo("plain-proxy");
        assertThat(S3Proxies.netty(PROXIES, endpoint).port()).isEqualTo(8080);
        assertThat(S3Proxies.netty(PROXIES, endpoint).username()).isNull();
    }

    @Test
    void anEndpointThatNoProxyNamesIsReachedDirectlyAndTheJvmsOwnSettingsAreNotRead() {
        URI inBlock = URI.create("http://10.1.2.3:9000");

        assertThat(S3Proxies.apache(PROXIES, inBlock).host()).isNull();
        assertThat(S3Proxies.netty(PROXIES, inBlock).host()).isNull();
        String previous = System.getProperty("https.proxyHost");
        System.setProperty("https.proxyHost", "jvm-proxy");
        try {
            assertThat(S3Proxies.apache(ProxySettings.none(), null).host()).isNull();
            assertThat(S3Proxies.netty(ProxySettings.none(), null).host()).isNull();
        } finally {
            if (previous == null) {
                System.clearProperty("https.proxyHost");
            } else {
                System.setProperty("https.proxyHost", previous);
            }
        }
    }
}
