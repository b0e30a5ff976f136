package io.jenkins.plugins.k8sbackup.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {
    private static final URI API = URI.create("https://api.prod.example.com:6443");
    private static final URI LOCAL_S3 = URI.create("http://minio.internal:9000");

    @Test
    void httpsTargetsUseHttpsProxyAndHttpTargetsHttpProxy() {
        ProxySettings p = ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "http://secure-proxy:3128",
                "http_proxy", "plain-proxy:8080"));

        assertThat(p.forTarget(API)).get().extracting(ProxyAddress::url).isEqualTo("http://secure-proxy:3128");
        assertThat(p.forTarget(LOCAL_S3)).get().extracting(ProxyAddress::url).isEqualTo("http://plain-proxy:8080");
        assertThat(p.forTarget(LOCAL_S3).get().variable()).isEqualTo("http_proxy");
    }

    @Test
    void upperCaseWinsOverLowerCaseAndBlankValuesCountAsUnset() {
        ProxySettings p = ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "http://upper:1", "https_proxy", "http://lower:2",
                "HTTP_PROXY", " ", "http_proxy", "http://lower-http:3"));

        assertThat(p.forTarget(API).get().host()).isEqualTo("upper");
        assertThat(p.forTarget(LOCAL_S3).get().host()).isEqualTo("lower-http");
    }

    @Test
    void noProxyVariablesMeansDirect() {
        ProxySettings p = ProxySettings.fromEnvironment(Map.of("PATH", "/usr/bin"));

        assertThat(p.isEmpty()).isTrue();
        assertThat(p.forTarget(API)).isEmpty();
    }

    @Test
    void noProxyExemptsDomainsSubdomainsAddressesAndBlocks() {
        ProxySettings p = ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "http://proxy:3128", "HTTP_PROXY", "http://proxy:3128",
                "no_proxy", " .example.com, *.corp.local ,10.0.0.0/8, 192.168.1.7:443, [fd00::1], other.org"));

        assertThat(p.forTarget(API)).as("subdomain of .example.com").isEmpty();
        assertThat(p.forTarget(URI.create("https://example.com"))).isEmpty();
        assertThat(p.forTarget(URI.create("https://a.b.corp.local"))).isEmpty();
        assertThat(p.forTarget(URI.create("https://10.96.0.1"))).isEmpty();
        assertThat(p.forTarget(URI.create("https://192.168.1.7:6443"))).isEmpty();
        assertThat(p.forTarget(URI.create("https://[fd00::1]:6443"))).isEmpty();
        assertThat(p.forTarget(URI.create("https://other.org"))).isEmpty();
        assertThat(p.forTarget(URI.create("https://notother.org"))).as("a suffix is not a domain").isPresent();
        assertThat(p.forTarget(URI.create("https://11.0.0.1"))).isPresent();
        assertThat(p.forTarget(URI.create("https://192.168.1.8"))).isPresent();
        assertThat(p.forTarget(URI.create("https://s3.amazonaws.com"))).isPresent();
    }

    @Test
    void aStarInNoProxyExemptsEverything() {
        ProxySettings p = ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "http://proxy:3128", "NO_PROXY", "*"));

        assertThat(p.forTarget(API)).isEmpty();
        assertThat(p.noProxy().hostPatterns()).containsExactly(".*");
    }

    @Test
    void hostPatternsAreTheRegularExpressionsTheSdkMatchesHostNamesWith() {
        NoProxy n = NoProxy.parse(".example.com,10.0.0.0/8,minio");

        assertThat(n.hostPatterns()).hasSize(2);
        assertThat(n.hostPatterns()).anyMatch("bucket.s3.example.com"::matches).anyMatch("minio"::matches)
                .noneMatch("exampleXcom"::matches).noneMatch("notminio"::matches);
    }

    @Test
    void credentialsInTheUrlAreSplitDecodedAndNeverShown() {
        ProxySettings p = ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "http://build%40corp:p%3Ass-w0rd@proxy:3128"));

        ProxyAddress proxy = p.forTarget(API).orElseThrow();
        assertThat(proxy.username()).isEqualTo("build@corp");
        assertThat(proxy.password()).isEqualTo("p:ss-w0rd");
        assertThat(proxy.url()).isEqualTo("http://proxy:3128");
        assertThat(proxy.toString()).doesNotContain("p:ss-w0rd").doesNotContain("p%3Ass-w0rd").contains("****");
        assertThat(p.toString()).doesNotContain("w0rd");
        assertThat(ProxySettings.passwords(Map.of("HTTPS_PROXY", "http://u:secret1@proxy:1", "http_proxy", "http://proxy:2",
                "NO_PROXY", "x"))).containsExactly("secret1");
    }

    @Test
    void aProxyThatIsNoHttpUrlIsRefusedNamingTheVariableButNotItsPassword() {
        assertThatThrownBy(() -> ProxySettings.fromEnvironment(Map.of("https_proxy", "socks5://user:hunter2@proxy:1080")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https_proxy").hasMessageContaining("only http://")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ProxySettings.fromEnvironment(Map.of("HTTP_PROXY", "http://user:hunter2@:3128")))
                .hasMessageContaining("HTTP_PROXY").hasMessageNotContaining("hunter2");
    }

    @Test
    void aMissingPortMeansEighty() {
        assertThat(ProxyAddress.parse("HTTPS_PROXY", "http://proxy").port()).isEqualTo(80);
    }

    @Test
    void relevantKeepsOnlyProxyVariables() {
        assertThat(ProxySettings.relevant(Map.of("HTTPS_PROXY", "http://p:1", "no_proxy", "x", "HOME", "/root", "AWS_REGION", "eu")))
                .containsOnlyKeys("HTTPS_PROXY", "no_proxy");
    }
}
