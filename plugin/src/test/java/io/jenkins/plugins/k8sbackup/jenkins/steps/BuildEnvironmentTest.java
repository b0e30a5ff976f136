package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Location;
import io.jenkins.plugins.k8sbackup.jenkins.testing.SampleCluster;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.storage.S3ProxyFixture;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.RecordingProxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The step's environment comes from the build (StepContext EnvVars: withKubeConfig, withAWS, withEnv,
 * withCredentials), not from the agent JVM's System.getenv(), which never holds those variables.
 */
class BuildEnvironmentTest {
    @RegisterExtension
    static final SampleCluster cluster = new SampleCluster();
    static S3ProxyFixture s3;

    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeAll
    static void startS3() {
        s3 = new S3ProxyFixture().start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "deploy-shop", 7);
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubeconfigOfTheBuildIsUsedWhenNoCredentialIsGiven() throws Exception {
        assertThat(System.getenv("KUBECONFIG")).as("the test JVM must not point at the mock itself").isNull();
        Path kubeconfig = cluster.mock().writeKubeconfig(tmp.resolve("withKubeConfig-config"));
        h.env.put("KUBECONFIG", kubeconfig + java.io.File.pathSeparator + tmp.resolve("ignored"));
        K8sBackupStep step = new K8sBackupStep();
        step.setStorage(new DirectoryLocation("backups"));
        step.setIncludeNamespaces(List.of("shop"));
        step.setName("from-build-env");

        Map<String, Object> result = (Map<String, Object>) h.run(step);

        assertThat(result).containsEntry("status", "Completed");
        assertThat((Long) result.get("objectCount")).isPositive();
        assertThat(h.log()).doesNotContain(MockCluster.TOKEN);
    }

    @Test
    void withoutKubeconfigInTheBuildTheStepSaysWhatItLookedFor() throws Exception {
        K8sBackupStep step = new K8sBackupStep();
        step.setStorage(new DirectoryLocation("backups"));
        h.env.put("KUBECONFIG", tmp.resolve("missing-config").toString());

        Throwable failure = h.runFailing(step);

        assertThat(failure).hasMessageContaining("missing-config");
    }

    @Test
    @SuppressWarnings("unchecked")
    void awsVariablesOfTheBuildReachS3WithoutACredentialsId() throws Exception {
        h.credentials(new TestCreds.Text("k8s-token", MockCluster.TOKEN));
        h.env.put("AWS_ACCESS_KEY_ID", S3ProxyFixture.IDENTITY);
        h.env.put("AWS_SECRET_ACCESS_KEY", S3ProxyFixture.CREDENTIAL);
        h.env.put("AWS_REGION", S3ProxyFixture.REGION);
        h.env.put("AWS_ENDPOINT_URL", s3.endpoint().toString());
        K8sBackupStep step = cluster.connect(new K8sBackupStep(), "k8s-token");
        S3Location location = new S3Location(S3ProxyFixture.BUCKET);
        location.setPrefix("withaws/");
        step.setStorage(location);
        step.setIncludeNamespaces(List.of("shop"));
        step.setName("via-withaws");

        Map<String, Object> result = (Map<String, Object>) h.run(step);

        assertThat(result).containsEntry("status", "Completed");
        assertThat(s3.client().listObjectsV2(b -> b.bucket(S3ProxyFixture.BUCKET).prefix("withaws/")).contents())
                .extracting(S3Object::key).anyMatch(k -> k.contains("via-withaws"));
        assertThat(h.log()).doesNotContain(S3ProxyFixture.CREDENTIAL);
    }

    @Test
    @SuppressWarnings("unchecked")
    void proxyVariablesOfTheBuildCarryTheClusterAndS3Traffic() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.start()) {
            h.credentials(new TestCreds.Text("k8s-token", MockCluster.TOKEN));
            h.env.put("http_proxy", "http://ci:Pr0xyPa55@127.0.0.1:" + proxy.port());
            h.env.put("NO_PROXY", "github.com,.corp.example");
            K8sBackupStep step = cluster.connect(new K8sBackupStep(), "k8s-token");
            S3Location location = new S3Location(S3ProxyFixture.BUCKET);
            location.setEndpoint(s3.endpoint().toString());
            location.setRegion(S3ProxyFixture.REGION);
            location.setPathStyle(true);
            location.setCredentialsId("s3-keys");
            h.credentials(new TestCreds.Aws("s3-keys", S3ProxyFixture.IDENTITY, S3ProxyFixture.CREDENTIAL, null));
            step.setStorage(location);
            step.setIncludeNamespaces(List.of("shop"));
            step.setName("via-proxy");

            Map<String, Object> result = (Map<String, Object>) h.run(step);

            assertThat(result).containsEntry("status", "Completed");
            assertThat(proxy.requestLines()).as("the API server through the build's proxy")
                    .anyMatch(l -> l.contains(cluster.mock().url().substring("http://".length())));
            assertThat(proxy.requestLines()).as("S3 through the build's proxy")
                    .anyMatch(l -> l.contains("127.0.0.1:" + s3.endpoint().getPort()));
            assertThat(proxy.authorizations()).isNotEmpty();
            assertThat(h.log()).doesNotContain("Pr0xyPa55");
        }
    }

    @Test
    void anUnusableProxyInTheBuildFailsTheStepNamingTheVariable() throws Exception {
        h.credentials(new TestCreds.Text("k8s-token", MockCluster.TOKEN));
        h.env.put("HTTP_PROXY", "socks5://ci:Pr0xyPa55@127.0.0.1:1080");
        K8sBackupStep step = cluster.connect(new K8sBackupStep(), "k8s-token");
        step.setStorage(new DirectoryLocation("backups"));

        Throwable failure = h.runFailing(step);

        assertThat(failure).hasMessageContaining("HTTP_PROXY").hasMessageNotContaining("Pr0xyPa55");
        assertThat(h.log()).doesNotContain("Pr0xyPa55");
    }

    @Test
    void aWrongSecretInTheBuildIsRefusedBySoTheBuildsKeysAreTheOnesUsed() throws Exception {
        h.credentials(new TestCreds.Text("k8s-token", MockCluster.TOKEN));
        h.env.put("AWS_ACCESS_KEY_ID", S3ProxyFixture.IDENTITY);
        h.env.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        h.env.put("AWS_REGION", S3ProxyFixture.REGION);
        h.env.put("AWS_ENDPOINT_URL", s3.endpoint().toString());
        K8sBackupStep step = cluster.connect(new K8sBackupStep(), "k8s-token");
        step.setStorage(new S3Location(S3ProxyFixture.BUCKET));

        Throwable failure = h.runFailing(step);

        assertThat(failure.getMessage()).contains(S3ProxyFixture.IDENTITY).doesNotContain("not-the-secret");
    }
}
