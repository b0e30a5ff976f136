package io.jenkins.plugins.k8sbackup.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.ManagementLink;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import io.jenkins.plugins.k8sbackup.jenkins.home.JenkinsBackupLink;
import io.jenkins.plugins.k8sbackup.jenkins.steps.EtcdSnapshotStep;
import io.jenkins.plugins.k8sbackup.jenkins.steps.JenkinsRestoreStep;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.storage.S3ProxyFixture;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
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
 * etcd client is not bundled, the new forms round-trip and the management link has its category. Real build only
 * (-Pjenkins); written from the real APIs, not run on machines without repo.jenkins-ci.org.
 */
@WithJenkins
class RealJenkinsBehaviourTest {
    static MockCluster cluster;
    static S3ProxyFixture s3;

    JenkinsRule j;
    DumbSlave agent;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
        s3 = new S3ProxyFixture().start();
    }

    @AfterAll
    static void stop() {
        s3.close();
        cluster.close();
    }

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        agent = j.createOnlineSlave();
        agent.setLabelString("k8s");
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "k8s-token", "mock cluster", Secret.fromString(MockCluster.TOKEN)));
    }

    WorkflowRun runPipeline(String name, String script, Result expected) throws Exception {
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return j.buildAndAssertStatus(expected, p);
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
                """.formatted(S3ProxyFixture.IDENTITY, S3ProxyFixture.CREDENTIAL, S3ProxyFixture.REGION, s3.endpoint(),
                cluster.url(), S3ProxyFixture.BUCKET), Result.SUCCESS);

        j.assertLogContains("RESULT Completed", b);
        j.assertLogNotContains(S3ProxyFixture.CREDENTIAL, b);
        assertThat(s3.client().listObjectsV2(r -> r.bucket(S3ProxyFixture.BUCKET).prefix("env/")).contents()).isNotEmpty();
    }

    @Test
    void anSdkFailureOnTheAgentFailsTheBuildWithItsMessageNotAClassFilterError() throws Exception {
        WorkflowRun b = runPipeline("s3-denied", """
                node('k8s') {
                  withEnv(['AWS_ACCESS_KEY_ID=%s', 'AWS_SECRET_ACCESS_KEY=wrong-secret-value', 'AWS_REGION=%s', 'AWS_ENDPOINT_URL=%s']) {
                    k8sBackup(credentialsId: 'k8s-token', serverUrl: '%s', storage: s3(bucket: '%s'), includeNamespaces: ['shop'])
                  }
                }
                """.formatted(S3ProxyFixture.IDENTITY, S3ProxyFixture.REGION, s3.endpoint(), cluster.url(), S3ProxyFixture.BUCKET),
                Result.FAILURE);

        j.assertLogContains("k8sBackup failed: ", b);
        j.assertLogContains(S3ProxyFixture.BUCKET, b);
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
        EtcdSnapshotStep etcdBack = new StepConfigTester(j).configRoundTrip(etcd);
        assertThat(etcdBack.isVerify()).isTrue();
        assertThat(etcdBack.getName()).isEqualTo("nightly");
    }

    @Test
    void theManagementLinkIsListedUnderTools() {
        assertThat(ManagementLink.all().get(JenkinsBackupLink.class).getCategory()).isEqualTo(ManagementLink.Category.TOOLS);
    }
}
