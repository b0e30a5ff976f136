package io.jenkins.plugins.k8sbackup.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine's client (OkHttp, see {@link KubeClients}) over TLS: it trusts the kubeconfig's CA, and only that. */
class KubeClientsTlsTest {
    private static final ResourceType CONFIGMAPS = new ResourceType("", "v1", "configmaps", "ConfigMap", true);
    private static MockCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = MockCluster.startHttps();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static ApiCaller oneTry() {
        return new ApiCaller(new AdaptiveRateLimiter(0, 10), 1, Duration.ofMillis(10), Duration.ofMillis(10));
    }

    private static java.util.List<Throwable> causes(Throwable e) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable c = e; c != null && !all.contains(c); c = c.getCause()) {
            all.add(c);
        }
        return all;
    }

    @Test
    void writesAndReadsThroughTheCertificateAuthorityOfTheKubeconfig() throws Exception {
        assertThat(cluster.url()).startsWith("https://");
        ObjectNode cm = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", "over-tls").put("namespace", "default");
        cm.putObject("data").put("k", "v");
        // The mock's self-signed certificate names "localhost" in its CN only, and OkHttp, unlike the JDK, checks
        // host names against subjectAltName alone: the host name check is off here, the certificate chain is not
        // (the next test takes the CA away).
        try (KubernetesClient client = KubeClients.create(new ConfigBuilder(cluster.config()).withDisableHostnameVerification(true).build())) {
            assertThat(client.getHttpClient().getClass().getName()).contains("okhttp");
            ObjectApi api = new ObjectApi(client, oneTry());

            api.create(CONFIGMAPS, "default", cm, false);

            assertThat(api.get(CONFIGMAPS, "default", "over-tls").path("data").path("k").asText()).isEqualTo("v");
        }
    }

    @Test
    void refusesAServerItsCertificateAuthoritiesDoNotVouchFor() {
        ObjectNode cm = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", "never").put("namespace", "default");
        try (KubernetesClient client = KubeClients.create(new ConfigBuilder(cluster.config()).withCaCertFile(null)
                .withDisableHostnameVerification(true).build())) {
            ObjectApi api = new ObjectApi(client, oneTry());

            assertThatThrownBy(() -> api.create(CONFIGMAPS, "default", cm, false))
                    .isInstanceOf(KubernetesClientException.class)
                    .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof javax.net.ssl.SSLException));
        }
        assertThat(cluster.writeLog()).noneMatch(w -> w.contains("/configmaps") && w.contains("never"));
    }
}
