package io.jenkins.plugins.k8sbackup.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.report.BackupReportAction;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Location;
import io.jenkins.plugins.k8sbackup.jenkins.steps.K8sBackupStep;
import io.jenkins.plugins.k8sbackup.testkit.ExecSimulator;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.RunningPods;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import java.nio.file.Path;
import java.util.List;
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
 * The steps inside a real Jenkins (JenkinsRule), with a real agent, the embedded Kubernetes API and the real
 * credentials, kubernetes-credentials and workflow plugins. Compiled and run only with -Pjenkins, which needs
 * repo.jenkins-ci.org: this machine cannot run them (see plugin/README.md).
 */
@WithJenkins
class K8sBackupPipelineTest {
    static MockCluster cluster;

    JenkinsRule j;
    DumbSlave agent;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
    }

    @AfterAll
    static void stopCluster() {
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
    void backsUpOnAnAgentAndReturnsAMap() throws Exception {
        WorkflowRun b = runPipeline("backup", """
                node('k8s') {
                  def r = k8sBackup(credentialsId: 'k8s-token', serverUrl: '%s', storage: directory(path: 'backups'),
                                    includeNamespaces: ['shop', 'shop-data'], name: "shop-${env.BUILD_NUMBER}")
                  echo "RESULT ${r.name} ${r.status} ${r.counts['deployments.apps']}"
                  def list = k8sBackupList(storage: directory(path: 'backups'))
                  echo "LISTED ${list*.name}"
                }
                """.formatted(cluster.url()), Result.SUCCESS);

        j.assertLogContains("RESULT shop-1 Completed 1", b);
        j.assertLogContains("LISTED [shop-1]", b);
        j.assertLogNotContains(MockCluster.TOKEN, b);
        BackupReportAction report = b.getAction(BackupReportAction.class);
        assertThat(report.getEntries()).singleElement().satisfies(e -> assertThat(e.getStatus()).isEqualTo("Completed"));
        assertThat(CredentialsProvider.lookupStores(j.jenkins)).isNotEmpty();
    }

    @Test
    void aPredefinedLocationIsReferencedByItsBareName() throws Exception {
        K8sBackupConfiguration.get().setLocations(List.of(
                new PredefinedLocation("prod-backups", new DirectoryLocation(tmp.resolve("vault").toString()))));

        WorkflowRun b = runPipeline("named", """
                node('k8s') {
                  def r = k8sBackup(credentialsId: 'k8s-token', serverUrl: '%s', storage: 'prod-backups',
                                    includeNamespaces: ['shop'], name: 'by-name')
                  echo "RESULT ${r.status}"
                  echo "LISTED ${k8sBackupList(storage: location('prod-backups'))*.name}"
                }
                """.formatted(cluster.url()), Result.SUCCESS);

        j.assertLogContains("RESULT Completed", b);
        j.assertLogContains("LISTED [by-name]", b);
        assertThat(tmp.resolve("vault/by-name/manifest.json")).exists();
    }

    @Test
    void hooksAreDeclaredWithTheirSymbols() throws Exception {
        RunningPods.create(cluster, "shop-data", "db-0", java.util.Map.of("app", "db"), java.util.Map.of(), true, "mysql");
        cluster.exec().handler(e -> ExecSimulator.Reply.ok("-- dump\n"));

        WorkflowRun b = runPipeline("hooks", """
                node('k8s') {
                  def r = k8sBackup(credentialsId: 'k8s-token', serverUrl: '%1$s', storage: directory(path: 'backups'),
                                    includeNamespaces: ['shop-data'], name: 'hooked',
                                    hooks: [backupHook(name: 'dump', namespace: 'shop-data', podName: 'db-0', container: 'mysql',
                                                       command: ['sh', '-c', 'mysqldump --all-databases'], captureOutput: true)])
                  echo "RESULT ${r.status}"
                  k8sRestore(backup: 'hooked', credentialsId: 'k8s-token', serverUrl: '%1$s', storage: directory(path: 'backups'),
                             namespaceMapping: ['shop-data': 'shop-data-hooked'], includeResources: ['pods', 'namespaces'],
                             hooks: [restoreHook(name: 'load', namespace: 'shop-data', podName: 'db-0', container: 'mysql',
                                                 command: ['sh', '-c', 'mysql'], waitForReady: false,
                                                 stdinArtifact: 'artifacts/shop-data/db-0/dump.out')])
                }
                """.formatted(cluster.url()), Result.SUCCESS);

        j.assertLogContains("RESULT Completed", b);
        assertThat(cluster.exec().calls()).contains(
                new ExecSimulator.Exec("shop-data", "db-0", "mysql", List.of("sh", "-c", "mysqldump --all-databases")),
                new ExecSimulator.Exec("shop-data-hooked", "db-0", "mysql", List.of("sh", "-c", "mysql")));
    }

    @Test
    void directoryStorageOnTheControllerIsRefused() throws Exception {
        WorkflowRun b = runPipeline("controller", """
                node('built-in') {
                  k8sBackup(credentialsId: 'k8s-token', serverUrl: '%s', storage: directory(path: 'backups'))
                }
                """.formatted(cluster.url()), Result.FAILURE);

        j.assertLogContains("would write to the Jenkins controller's disk", b);
    }

    @Test
    void aMissingCredentialFailsWithAClearMessage() throws Exception {
        WorkflowRun b = runPipeline("missing", """
                node('k8s') {
                  k8sBackup(credentialsId: 'nope', serverUrl: '%s', storage: directory(path: 'backups'))
                }
                """.formatted(cluster.url()), Result.FAILURE);

        j.assertLogContains("k8sBackup: no credentials with id 'nope' for Kubernetes", b);
    }

    @Test
    void jenkinsBackupNeedsTheAllowList() throws Exception {
        K8sBackupConfiguration.get().setLocations(List.of(new PredefinedLocation("vault",
                new DirectoryLocation(tmp.resolve("vault").toString()))));
        WorkflowRun b = runPipeline("not-allowed", "jenkinsBackup(storage: location('vault'))", Result.FAILURE);

        j.assertLogContains("jenkinsBackup: job 'not-allowed' may not back up or restore JENKINS_HOME", b);
    }

    @Test
    void anAllowedJobBacksUpTheRealHomeWhileItsOwnBuildRunsAndPreviewsARestore() throws Exception {
        K8sBackupConfiguration config = K8sBackupConfiguration.get();
        config.setLocations(List.of(new PredefinedLocation("vault", new DirectoryLocation(tmp.resolve("vault").toString()))));
        config.setJenkinsBackupAllowedJobs("home-backup");
        String staging = tmp.resolve("staging").toString();

        // waitForBuilds with failIfBusy: the build itself (flyweight executor + node block) must not count as busy.
        WorkflowRun b = runPipeline("home-backup", """
                node {
                  def r = jenkinsBackup(storage: location('vault'), mode: 'full', waitForBuilds: '5s', failIfBusy: true)
                  echo "backup ${r.name} ${r.mode} ${r.status} files=${r.files} masterKey=${r.masterKey}"
                  def plan = jenkinsRestore(backup: r.name, storage: location('vault'), target: '%s')
                  echo "plan preview=${plan.preview} create=${plan.create.size()}"
                }
                """.formatted(staging), Result.SUCCESS);

        j.assertLogContains(" full Completed files=", b);
        j.assertLogContains("masterKey=", b);
        j.assertLogContains("plan preview=true create=", b);
        assertThat(Path.of(staging)).doesNotExist();
    }

    @Test
    void stepConfigurationRoundTrips() throws Exception {
        K8sBackupStep step = new K8sBackupStep();
        step.setCredentialsId("k8s-token");
        step.setServerUrl("https://k8s.example.com");
        step.setStorage(new S3Location("backups"));
        step.setName("nightly");
        step.setTtl("72h");

        K8sBackupStep roundTripped = new StepConfigTester(j).configRoundTrip(step);

        j.assertEqualDataBoundBeans(step, roundTripped);
    }

    @Test
    void globalConfigurationRoundTrips() throws Exception {
        S3Location s3 = new S3Location("prod-backups");
        s3.setRegion("eu-west-1");
        K8sBackupConfiguration config = K8sBackupConfiguration.get();
        config.setLocations(List.of(new PredefinedLocation("prod", s3)));
        config.setJenkinsBackupAllowedJobs("ops/*");

        j.configRoundtrip();

        K8sBackupConfiguration after = K8sBackupConfiguration.get();
        assertThat(after.getLocations()).singleElement().satisfies(l -> {
            assertThat(l.getName()).isEqualTo("prod");
            assertThat(((S3Location) l.getLocation()).getRegion()).isEqualTo("eu-west-1");
        });
        assertThat(after.getJenkinsBackupAllowedJobs()).isEqualTo("ops/*");
    }
}
