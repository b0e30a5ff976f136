package io.jenkins.plugins.k8sbackup.ops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.S3ProxyFixture;
import io.jenkins.plugins.k8sbackup.storage.S3KeyPair;
import io.jenkins.plugins.k8sbackup.storage.StorageUri;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.RecordingProxy;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy variables of a given environment (a Jenkins build's) reach the fabric8 client and both S3 clients: the
 * built configuration says so, and a recording proxy sees the traffic.
 */
class ProxiedClientsTest {
    @RegisterExtension
    static final S3ProxyFixture S3 = new S3ProxyFixture();

    @TempDir
    Path tmp;
    MockCluster cluster;
    RecordingProxy proxy;

    @BeforeEach
    void start() throws Exception {
        cluster = MockCluster.start();
        proxy = RecordingProxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        cluster.close();
    }

    private KubeTarget kube() throws Exception {
        return KubeTarget.fromFile(cluster.writeKubeconfig(tmp.resolve("config")), null, 0, 0);
    }

    @Test
    void theKubernetesClientIsConfiguredWithTheEnvironmentsProxyAndItsCredentials() throws Exception {
        Config config = kube().withProxies(ProxySettings.fromEnvironment(Map.of(
                "HTTP_PROXY", "http://ci:pr0xy-pass@proxy.corp:3128", "HTTPS_PROXY", "http://other:1"))).config();

        assertThat(config.getHttpProxy()).isEqualTo("http://proxy.corp:3128");
        assertThat(config.getProxyUsername()).isEqualTo("ci");
        assertThat(config.getProxyPassword()).isEqualTo("pr0xy-pass");
        assertThat(config.getNoProxy()).isNull();
    }

    @Test
    void kubernetesTrafficGoesThroughTheProxy() throws Exception {
        KubeTarget target = kube().withProxies(ProxySettings.fromEnvironment(Map.of("HTTP_PROXY", proxy.url())));

        try (KubernetesClient client = target.client()) {
            client.namespaces().list();
        }

        assertThat(proxy.requestLines()).isNotEmpty()
                .allMatch(line -> line.contains("127.0.0.1:" + cluster.port()), "names the API server");
    }

    @Test
    void proxyCredentialsAreSentToTheProxy() throws Exception {
        try (RecordingProxy guarded = RecordingProxy.requiringAuthorization()) {
            KubeTarget target = kube().withProxies(ProxySettings.fromEnvironment(Map.of(
                    "HTTP_PROXY", "http://ci:pr0xy-pass@127.0.0.1:" + guarded.port())));

            try (KubernetesClient client = target.client()) {
                client.namespaces().list();
            }

            assertThat(guarded.authorizations()).isNotEmpty().allMatch(a -> a.equals("Basic Y2k6cHIweHktcGFzcw=="));
        }
    }

    @Test
    void noProxyNamingTheApiServerMeansDirect() throws Exception {
        KubeTarget target = kube().withProxies(ProxySettings.fromEnvironment(Map.of(
                "HTTP_PROXY", proxy.url(), "NO_PROXY", "localhost,127.0.0.0/8")));

        assertThat(target.config().getHttpProxy()).isNull();
        try (KubernetesClient client = target.client()) {
            client.namespaces().list();
        }
        assertThat(proxy.requestLines()).isEmpty();
    }

    @Test
    void bothS3ClientsGoThroughTheProxyOfTheEnvironment() throws Exception {
        StorageTarget target = StorageTarget.withKeys(StorageUri.parse(S3.uniqueUri()), new S3KeyPair(S3ProxyFixture.IDENTITY, S3ProxyFixture.CREDENTIAL, null, "test"))
                .withEnvironment(Map.of("HTTP_PROXY", proxy.url()));

        try (BackupStorage storage = target.open()) {
            try (StorageWriter w = storage.create("through/proxy.txt")) {
                w.write("hello".getBytes(UTF_8));
            }
            try (InputStream in = storage.open("through/proxy.txt")) {
                assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("hello");
            }
        }

        String s3 = "127.0.0.1:" + S3.endpoint().getPort();
        assertThat(proxy.requestLines()).as("the sync client (apache: absolute-form requests)")
                .anyMatch(line -> line.matches("(HEAD|GET|PUT|POST) http://" + s3 + "/.*"));
        assertThat(proxy.requestLines()).as("the async upload client (netty: a CONNECT tunnel)")
                .anyMatch(line -> line.equals("CONNECT " + s3 + " HTTP/1.1"));
    }

    @Test
    void s3WithNoProxyForItsEndpointIsReachedDirectly() throws Exception {
        StorageTarget target = StorageTarget.withKeys(StorageUri.parse(S3.uniqueUri()), new S3KeyPair(S3ProxyFixture.IDENTITY, S3ProxyFixture.CREDENTIAL, null, "test"))
                .withEnvironment(Map.of("HTTP_PROXY", proxy.url(), "no_proxy", "127.0.0.1"));

        try (BackupStorage storage = target.open()) {
            storage.write("direct.txt", "x".getBytes(UTF_8));
        }

        assertThat(proxy.requestLines()).isEmpty();
    }

    @Test
    void anUnusableProxyVariableFailsClearlyWithoutItsPassword() {
        StorageTarget target = StorageTarget.withKeys(StorageUri.parse(S3.uniqueUri()), new S3KeyPair(S3ProxyFixture.IDENTITY, S3ProxyFixture.CREDENTIAL, null, "test"))
                .withEnvironment(Map.of("HTTP_PROXY", "socks5://me:hunter2@127.0.0.1:1080"));

        assertThatThrownBy(target::open).hasMessageContaining("HTTP_PROXY").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> kube().withProxies(ProxySettings.none()).withProxies(
                ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "ftp://x")))).hasMessageContaining("HTTPS_PROXY");
    }
}
