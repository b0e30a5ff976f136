package io.jenkins.plugins.k8sbackup.jenkins.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentialsStore;
import hudson.AbortException;
import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.k8sbackup.jenkins.credentials.CredentialResolver;
import io.jenkins.plugins.k8sbackup.jenkins.testing.KeyStores;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Kubernetes credential path: each type, missing id, wrong type, TLS options, masking. */
class ClusterResolverTest {
    static final String SERVER = "https://k8s.example.com:6443";

    @TempDir
    Path tmp;
    StepHarness h;
    CredentialResolver credentials;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "ops/backup", 7);
        credentials = new CredentialResolver(h.run, "k8sBackup");
    }

    ClusterConnection resolve(String id, String server, String ca, boolean skip, String context) throws Exception {
        return ClusterResolver.resolve(new ClusterOptions(id, server, ca, skip, context, 0, 0), credentials, log::add);
    }

    /** fabric8 keeps a kubeconfig's token as the "auto" OAuth token. */
    static String token(Config config) {
        return config.getOauthToken() != null ? config.getOauthToken() : config.getAutoOAuthToken();
    }

    static Config config(ClusterConnection c) throws Exception {
        return c.target().config();
    }

    @Test
    void secretTextIsABearerTokenForTheGivenServer() throws Exception {
        h.credentials(new TestCreds.Text("tok", "eyJhbGciOiJSUzI1NiJ9.token-value"));

        ClusterConnection c = resolve("tok", SERVER, null, false, null);

        Config config = config(c);
        assertThat(config.getMasterUrl()).startsWith(SERVER);
        assertThat(token(config)).isEqualTo("eyJhbGciOiJSUzI1NiJ9.token-value");
        assertThat(config.isTrustCerts()).isFalse();
        assertThat(c.describe()).isEqualTo(SERVER + " with credentials 'tok'");
        assertThat(credentials.masker().mask("Bearer eyJhbGciOiJSUzI1NiJ9.token-value")).isEqualTo("Bearer ****");
        assertThat(TestCredentialsStore.tracked()).containsExactly("tok@7");
        assertThat(log).isEmpty();
    }

    @Test
    void usernamePasswordIsBasicAuth() throws Exception {
        h.credentials(new TestCreds.UserPass("up", "admin", "pa55word-xyz"));

        Config config = config(resolve("up", SERVER, null, false, null));

        assertThat(config.getUsername()).isEqualTo("admin");
        assertThat(config.getPassword()).isEqualTo("pa55word-xyz");
        assertThat(credentials.masker().mask("pa55word-xyz")).isEqualTo("****");
    }

    @Test
    void aKubeconfigFileIsUsedAsItIsWithTheChosenContext() throws Exception {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: a, cluster: {server: 'https://a.example.com'}}
                - {name: b, cluster: {server: 'https://b.example.com'}}
                users:
                - {name: u, user: {token: kubeconfig-secret-token}}
                contexts:
                - {name: ctx-a, context: {cluster: a, user: u}}
                - {name: ctx-b, context: {cluster: b, user: u}}
                current-context: ctx-a
                """;
        h.credentials(TestCreds.File.of("kc", kubeconfig));

        ClusterConnection c = resolve("kc", null, null, false, "ctx-b");

        assertThat(config(c).getMasterUrl()).startsWith("https://b.example.com");
        assertThat(c.describe()).isEqualTo("kubeconfig credentials 'kc' (context ctx-b)");
        assertThat(credentials.masker().mask("token kubeconfig-secret-token")).isEqualTo("token ****");
    }

    @Test
    void aKubeconfigFileIgnoresServerUrlAndSaysSo() throws Exception {
        h.credentials(TestCreds.File.of("kc", "apiVersion: v1\nkind: Config\nclusters:\n- {name: a, cluster: {server: 'https://a.example.com'}}\n"
                + "users:\n- {name: u, user: {token: t0ken-abc}}\ncontexts:\n- {name: c, context: {cluster: a, user: u}}\ncurrent-context: c\n"));

        ClusterConnection c = resolve("kc", SERVER, null, false, null);

        assertThat(config(c).getMasterUrl()).startsWith("https://a.example.com");
        assertThat(log).singleElement().asString().contains("serverUrl, caCertificate and skipTlsVerify are ignored");
    }

    @Test
    void aCertificateCredentialIsAClientCertificate() throws Exception {
        h.credentials(new TestCreds.Cert("cert", KeyStores.clientCertificate(tmp, "changeit-123"), "changeit-123"));

        Config config = config(resolve("cert", SERVER, null, false, null));

        assertThat(config.getClientCertData()).isNotBlank();
        assertThat(config.getClientKeyData()).isNotBlank();
        assertThat(credentials.masker().mask(config.getClientKeyData())).isEqualTo("****");
    }

    @Test
    void theCaCertificateIsTrustedAndTlsIsNotSkipped() throws Exception {
        h.credentials(new TestCreds.Text("tok", "tok-value-1"));
        String ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";

        Config config = config(resolve("tok", SERVER, ca, false, null));

        assertThat(config.getCaCertData()).isNotBlank();
        assertThat(config.isTrustCerts()).isFalse();
    }

    @Test
    void skippingTlsVerificationMustBeAskedForAndIsLogged() throws Exception {
        h.credentials(new TestCreds.Text("tok", "tok-value-1"));

        Config config = config(resolve("tok", SERVER, null, true, null));

        assertThat(config.isTrustCerts()).isTrue();
        assertThat(log).singleElement().asString().contains("TLS verification of " + SERVER + " is disabled");
    }

    @Test
    void caCertificateAndSkipTlsVerifyTogetherAreRefused() {
        h.credentials(new TestCreds.Text("tok", "tok-value-1"));

        assertThatThrownBy(() -> resolve("tok", SERVER, "-----BEGIN CERTIFICATE-----", true, null))
                .isInstanceOf(AbortException.class).hasMessageContaining("either caCertificate or skipTlsVerify");
    }

    @Test
    void aMissingIdIsAClearError() {
        assertThatThrownBy(() -> resolve("nope", SERVER, null, false, null)).isInstanceOf(AbortException.class)
                .hasMessage("k8sBackup: no credentials with id 'nope' for Kubernetes (it does not exist, or this build is not allowed to use it)");
    }

    @Test
    void aCredentialKubernetesCannotUseIsAWrongTypeError() {
        h.credentials(new TestCreds.Aws("aws", "AKIAEXAMPLE", "secret-key-123", null));

        assertThatThrownBy(() -> resolve("aws", SERVER, null, false, null)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("k8sBackup: credentials 'aws' (AWS credentials) cannot be used for Kubernetes; use a kubeconfig");
    }

    @Test
    void tokenCredentialsNeedAnHttpsServerUrlWithoutUserInfo() {
        h.credentials(new TestCreds.Text("tok", "tok-value-1"));

        assertThatThrownBy(() -> resolve("tok", null, null, false, null)).hasMessageContaining("serverUrl is required");
        assertThatThrownBy(() -> resolve("tok", "k8s.example.com", null, false, null)).hasMessageContaining("must be an https://");
        assertThatThrownBy(() -> resolve("tok", "https://user:pw@k8s.example.com", null, false, null))
                .hasMessageContaining("must not contain credentials");
    }

    @Test
    void withoutCredentialsTheAgentsOwnConfigurationIsUsedAndServerUrlIsRefused() throws Exception {
        ClusterConnection c = resolve(null, null, null, false, null);
        assertThat(c.usesAgentDefault()).isTrue();
        assertThat(TestCredentialsStore.tracked()).isEmpty();

        assertThatThrownBy(() -> resolve(null, SERVER, null, false, null)).hasMessageContaining("serverUrl needs credentialsId");
    }

    @Test
    void theAgentDefaultReadsKubeconfigFromTheEnvironment() throws Exception {
        Path kubeconfig = tmp.resolve("agent-kubeconfig");
        java.nio.file.Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- {name: a, cluster: {server: 'https://agent.example.com'}}\n"
                + "users:\n- {name: u, user: {token: t}}\ncontexts:\n- {name: c, context: {cluster: a, user: u}}\ncurrent-context: c\n");

        ClusterConnection c = ClusterConnection.agentDefault(null, 50, 100);

        assertThat(c.target(Map.of("KUBECONFIG", kubeconfig.toString())).config().getMasterUrl()).startsWith("https://agent.example.com");
    }

    @Test
    void theAgentDefaultFallsBackToTheServiceAccount() throws Exception {
        Path sa = java.nio.file.Files.createDirectories(tmp.resolve("sa"));
        java.nio.file.Files.writeString(sa.resolve("token"), "sa-token-value\n");

        var target = AgentKubeconfig.target(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443"),
                tmp.resolve("no-home"), sa, null, 50, 100);

        assertThat(target.config().getMasterUrl()).startsWith("https://10.0.0.1:443");
        assertThat(token(target.config())).isEqualTo("sa-token-value");
        assertThatThrownBy(() -> AgentKubeconfig.target(Map.of(), tmp.resolve("no-home"), tmp.resolve("none"), null, 50, 100))
                .hasMessageContaining("this agent has no cluster configuration");
    }
}
