package io.jenkins.plugins.k8sbackup.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Label;
import hudson.model.ManagementLink;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.k8sbackup.jenkins.home.JenkinsBackupLink;
import io.jenkins.plugins.k8sbackup.jenkins.steps.EtcdSnapshotStep;
import io.jenkins.plugins.k8sbackup.jenkins.hooks.RestoreHook;
import io.jenkins.plugins.k8sbackup.jenkins.steps.JenkinsRestoreStep;
import io.jenkins.plugins.k8sbackup.jenkins.steps.K8sRestoreStep;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.RecordingProxy;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Issue 12's behaviours in a real Jenkins with a real (separate JVM) agent: the build's environment (withEnv) reaches
 * the step on the agent, failures cross the remoting channel as messages (core's class filter applies there), the
 * build's proxy variables carry the step's traffic, the etcd client is not bundled, the new forms round-trip (list and
 * map parameters included) and the management link has its category. s3proxy runs in its own JVM (ExternalS3Proxy).
 * Real build only
 * (-Pjenkins); written from the real APIs, not run on machines without repo.jenkins-ci.org.
 */
@WithJenkins
class RealJenkinsBehaviourTest {
    static MockCluster cluster;
    static ExternalS3Proxy s3;

    JenkinsRule j;
    DumbSlave agent;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
        s3 = ExternalS3Proxy.start();
    }

    @AfterAll
    static void stop() {
        s3.close();
        cluster.close();
    }

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        agent = j.createOnlineSlave(Label.get("k8s"));
        PipelineFixture.addClusterToken(j);
    }

    WorkflowRun runPipeline(String name, String script, Result expected) throws Exception {
        return PipelineFixture.run(j, name, script, expected);
    }

    @Test
    void kubeconfigFromWithEnvIsUsedOnTheAgent() throws Exception {
        Path kubeconfig = cluster.writeKubeconfig(tmp.resolve("kubeconfig"));

        WorkflowRun b = runPipeline("withenv-kube", """
                node('k8s') {
                  withEnv(['KUBECONFIG=%s']) {
                    def r = k8sBackup(storage: directory(path: 'backups'), includeNamespaces: ['shop'], name: 'via-env')
                    echo "RESULT ${r.status}"
                  }
                }
                """.formatted(kubeconfig), Result.SUCCESS);

        j.assertLogContains("RESULT Completed", b);
    }

    @Test
    void awsVariablesFromWithEnvReachS3OnTheAgent() throws Exception {
        WorkflowRun b = runPipeline("withenv-s3", """
                node('k8s') {
                  withEnv(['AWS_ACCESS_KEY_ID=%s', 'AWS_SECRET_ACCESS_KEY=%s', 'AWS_REGION=%s', 'AWS_ENDPOINT_URL=%s']) {
                    def r = k8sBackup(credentialsId: 'k8s-token', serverUrl: '%s', storage: s3(bucket: '%s', prefix: 'env/'),
                                      includeNamespaces: ['shop'], name: 'via-withaws')
                    echo "RESULT ${r.status}"
                  }
                }
                """.formatted(ExternalS3Proxy.IDENTITY, ExternalS3Proxy.CREDENTIAL, ExternalS3Proxy.REGION, s3.endpoint(),
                cluster.url(), ExternalS3Proxy.BUCKET), Result.SUCCESS);

        j.assertLogContains("RESULT Completed", b);
        j.assertLogNotContains(ExternalS3Proxy.CREDENTIAL, b);
        assertThat(s3.client().listObjectsV2(r -> r.bucket(ExternalS3Proxy.BUCKET).prefix("env/")).contents()).isNotEmpty();
    }

    @Test
    void proxyVariablesFromWithEnvCarryTheClusterAndS3TrafficOfTheAgent() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.start()) {
            WorkflowRun b = runPipeline("withenv-proxy", """
                    node('k8s') {
                      withEnv(['http_proxy=http://ci:Pr0xyPa55@127.0.0.1:%d', 'NO_PROXY=.corp.example',
                               'AWS_ACCESS_KEY_ID=%s', 'AWS_SECRET_ACCESS_KEY=%s', 'AWS_REGION=%s', 'AWS_ENDPOINT_URL=%s']) {
                        def r = k8sBackup(credentialsId: 'k8s-token', serverUrl: '%s', storage: s3(bucket: '%s', prefix: 'proxied/'),
                                          includeNamespaces: ['shop'], name: 'via-proxy')
                        echo "RESULT ${r.status}"
                      }
                    }
                    """.formatted(proxy.port(), ExternalS3Proxy.IDENTITY, ExternalS3Proxy.CREDENTIAL, ExternalS3Proxy.REGION,
                    s3.endpoint(), cluster.url(), ExternalS3Proxy.BUCKET), Result.SUCCESS);

            j.assertLogContains("RESULT Completed", b);
            j.assertLogNotContains("Pr0xyPa55", b);
            assertThat(proxy.requestLines()).anyMatch(l -> l.contains("127.0.0.1:" + cluster.port()))
                    .anyMatch(l -> l.contains("127.0.0.1:" + s3.endpoint().getPort()));
            assertThat(proxy.authorizations()).isNotEmpty();
        }
    }

    @Test
    void anSdkFailureOnTheAgentFailsTheBuildWithItsMessageNotAClassFilterError() throws Exception {
        WorkflowRun b = runPipeline("s3-denied", """
                node('k8s') {
                  withEnv(['AWS_ACCESS_KEY_ID=%s', 'AWS_SECRET_ACCESS_KEY=wrong-secret-value', 'AWS_REGION=%s', 'AWS_ENDPOINT_URL=%s']) {
                    k8sBackup(credentialsId: 'k8s-token', serverUrl: '%s', storage: s3(bucket: '%s'), includeNamespaces: ['shop'])
                  }
                }
                """.formatted(ExternalS3Proxy.IDENTITY, ExternalS3Proxy.REGION, s3.endpoint(), cluster.url(), ExternalS3Proxy.BUCKET),
                Result.FAILURE);

        j.assertLogContains("k8sBackup failed: ", b);
        j.assertLogContains(ExternalS3Proxy.BUCKET, b);
        j.assertLogNotContains("Rejected: ", b); // core's ClassFilterImpl wording for a refused class
        j.assertLogNotContains("wrong-secret-value", b);
    }

    @Test
    void aFabric8FailureOnTheAgentFailsTheBuildWithItsMessage() throws Exception {
        // Nothing listens on port 1: fabric8 throws KubernetesClientException (a class core's filter would refuse).
        WorkflowRun b = runPipeline("k8s-unreachable", """
                node('k8s') {
                  k8sBackup(credentialsId: 'k8s-token', serverUrl: 'http://127.0.0.1:1', storage: directory(path: 'b'))
                }
                """, Result.FAILURE);
        j.assertLogContains("k8sBackup failed: ", b);
        j.assertLogContains("127.0.0.1:1", b);
        j.assertLogNotContains("Rejected: ", b);
        j.assertLogNotContains(MockCluster.TOKEN, b);
    }

    @Test
    void k8sDiffMarksTheBuildUnstableWhenTheClusterDriftedFromTheBackup() throws Exception {
        cluster.client().configMaps().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("gate-probe").endMetadata().addToData("v", "1").build()).create();
        WorkflowRun b = runPipeline("gate", """
                node('k8s') {
                  k8sBackup(credentialsId: 'k8s-token', serverUrl: '%1$s', storage: directory(path: 'b'),
                            includeNamespaces: ['shop'], name: 'known-good')
                  def same = k8sDiff(credentialsId: 'k8s-token', serverUrl: '%1$s', storage: directory(path: 'b'),
                                     backup: 'known-good', includeNamespaces: ['shop'], includeResources: ['configmaps'])
                  echo "BEFORE drift=${same.drift}"
                }
                """.formatted(cluster.url()), Result.SUCCESS);
        j.assertLogContains("BEFORE drift=false", b);

        cluster.client().configMaps().inNamespace("shop").withName("gate-probe").edit(c -> {
            c.getData().put("v", "2");
            return c;
        });
        WorkflowJob p = (WorkflowJob) j.jenkins.getItem("gate");
        p.setDefinition(new CpsFlowDefinition("""
                node('k8s') {
                  def d = k8sDiff(credentialsId: 'k8s-token', serverUrl: '%s', storage: directory(path: 'b'),
                                  backup: 'known-good', includeNamespaces: ['shop'], includeResources: ['configmaps'],
                                  unstableOnDrift: true)
                  echo "AFTER drift=${d.drift} changed=${d.counts.changed}"
                }
                """.formatted(cluster.url()), true));
        WorkflowRun after = j.buildAndAssertStatus(Result.UNSTABLE, p);
        j.assertLogContains("AFTER drift=true changed=1", after);
    }

    @Test
    void etcdSnapshotSaysTheEtcdClientIsNotBundled() throws Exception {
        WorkflowRun b = runPipeline("etcd", """
                node('k8s') {
                  etcdSnapshot(endpoints: ['http://127.0.0.1:2379'], storage: directory(path: 'etcd'))
                }
                """, Result.FAILURE);

        j.assertLogContains("does not bundle", b);
        j.assertLogContains("etcd-snapshot", b);
    }

    @Test
    void theNewFormsRoundTrip() throws Exception {
        JenkinsRestoreStep restore = new JenkinsRestoreStep("latest");
        restore.setTarget("staging");
        restore.setPreview(false);
        j.assertEqualDataBoundBeans(restore, new StepConfigTester(j).configRoundTrip(restore));

        EtcdSnapshotStep etcd = new EtcdSnapshotStep(List.of("https://10.0.0.10:2379"));
        etcd.setStorage(new DirectoryLocation("etcd"));
        etcd.setVerify(true);
        etcd.setName("nightly");
        etcd.setIncludeFiles(List.of("/etc/kubernetes/manifests/etcd.yaml"));
        etcd.setLabels(java.util.Map.of("cluster", "prod"));
        EtcdSnapshotStep etcdBack = new StepConfigTester(j).configRoundTrip(etcd);
        assertThat(etcdBack.isVerify()).isTrue();
        assertThat(etcdBack.getName()).isEqualTo("nightly");
        assertThat(etcdBack.getEndpoints()).containsExactly("https://10.0.0.10:2379");
        assertThat(etcdBack.getIncludeFiles()).containsExactly("/etc/kubernetes/manifests/etcd.yaml");
        assertThat(etcdBack.getLabels()).containsEntry("cluster", "prod");

        // list and map parameters are textareas (one entry or key=value a line) and a hook's command one argument a line
        K8sRestoreStep restoreK8s = new K8sRestoreStep("latest");
        restoreK8s.setCredentialsId("k8s-token");
        restoreK8s.setStorage(new DirectoryLocation("backups"));
        restoreK8s.setIncludeNamespaces(List.of("shop", "shop-data"));
        restoreK8s.setNamespaceMapping(java.util.Map.of("shop", "shop-copy"));
        restoreK8s.setLabels(java.util.Map.of("JOB_NAME", "deploy"));
        RestoreHook hook = new RestoreHook("load", "shop-data", List.of("sh", "-c", "mysql < /dev/stdin"));
        hook.setPodName("db-0");
        restoreK8s.setHooks(List.of(hook));
        K8sRestoreStep restoreBack = new StepConfigTester(j).configRoundTrip(restoreK8s);
        assertThat(restoreBack.getIncludeNamespaces()).containsExactly("shop", "shop-data");
        assertThat(restoreBack.getNamespaceMapping()).containsExactly(java.util.Map.entry("shop", "shop-copy"));
        assertThat(restoreBack.getLabels()).containsExactly(java.util.Map.entry("JOB_NAME", "deploy"));
        assertThat(restoreBack.getHooks()).singleElement().satisfies(h -> {
            assertThat(h.getCommand()).containsExactly("sh", "-c", "mysql < /dev/stdin");
            assertThat(h.getPodName()).isEqualTo("db-0");
        });
    }

    @Test
    void theManagementLinkIsListedUnderTools() {
        assertThat(ManagementLink.all().get(JenkinsBackupLink.class).getCategory()).isEqualTo(ManagementLink.Category.TOOLS);
    }
}
