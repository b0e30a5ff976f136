package io.jenkins.plugins.k8sbackup.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Label;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Location;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The cluster steps end to end on S3 (s3proxy in its own JVM, see {@link ExternalS3Proxy}) with the real credential
 * types: an aws-credentials key pair for the bucket, a secret-text passphrase for encryption, a token for the cluster,
 * and a predefined location named by its bare name. k8sBackup, k8sBackupList, k8sRestore, verifyRestore and k8sDiff
 * run in one Pipeline on an agent; a wrong encryption key fails the build. Real build only (-Pjenkins).
 */
@WithJenkins
class S3PipelineTest {
    static MockCluster cluster;
    static ExternalS3Proxy s3;

    JenkinsRule j;

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
        j.createOnlineSlave(Label.get("k8s"));
        CredentialsStore store = CredentialsProvider.lookupStores(j.jenkins).iterator().next();
        PipelineFixture.addClusterToken(j);
        store.addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.GLOBAL, "s3-keys",
                ExternalS3Proxy.IDENTITY, ExternalS3Proxy.CREDENTIAL, "s3proxy keys"));
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "backup-passphrase",
                "encryption", Secret.fromString("correct horse battery staple, twice over")));
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "other-passphrase",
                "another key", Secret.fromString("not the passphrase the backup was made with")));
        S3Location prod = new S3Location(ExternalS3Proxy.BUCKET);
        prod.setPrefix("prod/");
        prod.setEndpoint(s3.endpoint().toString());
        prod.setRegion(ExternalS3Proxy.REGION);
        prod.setPathStyle(true);
        prod.setCredentialsId("s3-keys");
        K8sBackupConfiguration.get().setLocations(List.of(new PredefinedLocation("prod-s3", prod)));
    }

    WorkflowRun run(String name, String script, Result expected) throws Exception {
        return PipelineFixture.run(j, name, script, expected);
    }

    @Test
    void everyClusterStepRunsOnS3WithCredentialsAndEncryption() throws Exception {
        WorkflowRun b;
        try (WorkloadSimulator controllers = new WorkloadSimulator(cluster.client())) {
            b = run("s3-cycle", """
                    node('k8s') {
                      def backup = k8sBackup(credentialsId: 'k8s-token', serverUrl: '%1$s', storage: 'prod-s3',
                                             encryptionCredentialsId: 'backup-passphrase', includeNamespaces: ['shop'],
                                             name: 'shop-encrypted', labels: [stage: 'known-good'])
                      echo "BACKUP ${backup.status}"
                      echo "LISTED ${k8sBackupList(storage: location('prod-s3'))*.name}"
                      def restore = k8sRestore(credentialsId: 'k8s-token', serverUrl: '%1$s', backup: 'latest',
                                               labels: [stage: 'known-good'], storage: 'prod-s3',
                                               encryptionCredentialsId: 'backup-passphrase', includeNamespaces: ['shop'],
                                               namespaceMapping: [shop: 'shop-restored'], waitTimeout: '30s')
                      echo "RESTORE ${restore.status}"
                      def verify = verifyRestore(credentialsId: 'k8s-token', serverUrl: '%1$s', backup: 'shop-encrypted',
                                                 storage: 'prod-s3', encryptionCredentialsId: 'backup-passphrase',
                                                 includeNamespaces: ['shop'], namespaceMapping: [shop: 'shop-restored'],
                                                 timeout: '30s')
                      echo "VERIFY ${verify.verdict}"
                      def diff = k8sDiff(credentialsId: 'k8s-token', serverUrl: '%1$s', backup: 'shop-encrypted',
                                         storage: 'prod-s3', encryptionCredentialsId: 'backup-passphrase',
                                         includeNamespaces: ['shop'], includeResources: ['configmaps'])
                      echo "DIFF drift=${diff.drift}"
                    }
                    """.formatted(cluster.url()), Result.SUCCESS);
        }

        j.assertLogContains("BACKUP Completed", b);
        j.assertLogContains("LISTED [shop-encrypted]", b);
        j.assertLogContains("RESTORE Completed", b);
        j.assertLogContains("VERIFY PASS", b);
        j.assertLogContains("DIFF drift=false", b);
        j.assertLogNotContains(ExternalS3Proxy.CREDENTIAL, b);
        j.assertLogNotContains("correct horse battery staple", b);
        assertThat(s3.client().listObjectsV2(r -> r.bucket(ExternalS3Proxy.BUCKET).prefix("prod/")).contents())
                .extracting(S3Object::key).anyMatch(k -> k.contains("shop-encrypted"));
        assertThat(cluster.client().configMaps().inNamespace("shop-restored").list().getItems()).isNotEmpty();
    }

    @Test
    void aRestoreWithTheWrongKeyFailsTheBuildAndWritesNothing() throws Exception {
        run("s3-backup", """
                node('k8s') {
                  k8sBackup(credentialsId: 'k8s-token', serverUrl: '%s', storage: 'prod-s3',
                            encryptionCredentialsId: 'backup-passphrase', includeNamespaces: ['shop'], name: 'locked')
                }
                """.formatted(cluster.url()), Result.SUCCESS);

        WorkflowRun b = run("s3-wrong-key", """
                node('k8s') {
                  k8sRestore(credentialsId: 'k8s-token', serverUrl: '%s', backup: 'locked', storage: 'prod-s3',
                             encryptionCredentialsId: 'other-passphrase', namespaceMapping: [shop: 'shop-wrong-key'])
                }
                """.formatted(cluster.url()), Result.FAILURE);

        j.assertLogContains("k8sRestore", b);
        j.assertLogNotContains("not the passphrase the backup was made with", b);
        assertThat(cluster.client().namespaces().withName("shop-wrong-key").get()).isNull();
    }
}
