package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.model.Item;
import hudson.model.ItemGroup;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Location;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jenkins.model.DirectlyModifiableTopLevelItemGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 13 on the JENKINS_HOME steps, each refused with a clear message and nothing written:
 * a branch job (or a "Pipeline script from SCM" job) under an allowed folder, a job choosing its own endpoint and
 * keys, and restores outside the restore root, through a symbolic link, or cleaning beyond the target.
 */
@SuppressWarnings("unchecked")
class JenkinsHomeSecurityTest {
    static final String INLINE = "org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition";
    static final String FROM_SCM = "org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition";

    @TempDir
    Path tmp;
    Path vault;
    Path restores;

    /** A multibranch project: its branch jobs are created from the repository, not by hand. */
    static final class MultibranchProject implements ItemGroup<Item> {
        @Override
        public Collection<Item> getItems() {
            return List.of();
        }
    }

    /** A plain folder (cloudbees-folder's Folder is directly modifiable, like the Jenkins root). */
    static final class PlainFolder implements DirectlyModifiableTopLevelItemGroup {
        @Override
        public Collection<Item> getItems() {
            return List.of();
        }
    }

    StepHarness harness(String job, ItemGroup<?> parent) throws Exception {
        StepHarness h = new StepHarness(tmp, job, 3, parent);
        Files.writeString(h.home.resolve("config.xml"), "<hudson/>");
        Files.writeString(h.home.resolve("credentials.xml"), "<credentials>every secret</credentials>");
        Files.createDirectories(h.home.resolve("secrets"));
        Files.writeString(h.home.resolve("secrets/master.key"), "the controller's master key");
        vault = tmp.resolve("vault");
        restores = Files.createDirectories(tmp.resolve("restores"));
        K8sBackupConfiguration config = K8sBackupConfiguration.get();
        config.setLocations(List.of(new PredefinedLocation("vault", new DirectoryLocation(vault.toString()))));
        config.setJenkinsHomeLocation("vault");
        config.setJenkinsHomeRestoreRoot(restores.toString());
        return h;
    }

    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static boolean anyFileUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    @Test
    void aBranchJobUnderAnAllowedFolderIsRefused() throws Exception {
        StepHarness h = harness("ops/infra-repo/attacker-branch", new MultibranchProject());
        h.definition(INLINE); // what a branch job's config says does not matter: its Jenkinsfile comes from the branch
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/**");
        K8sBackupConfiguration.get().setAllowJobPatterns(true);

        Throwable refused = h.runFailing(new JenkinsBackupStep());

        assertThat(refused).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("jenkinsBackup: job 'ops/infra-repo/attacker-branch' may not back up or restore JENKINS_HOME")
                .hasMessageContaining("it matches 'ops/**', but it was created by a multibranch project or organization folder")
                .hasMessageContaining("name the job exactly, or add 'allowScm: true' to that entry");
        assertThat(anyFileUnder(vault)).isFalse();
    }

    @Test
    void aPipelineFromScmInAPlainFolderIsRefusedUnderAPatternButAnInlineOneIsNot() throws Exception {
        StepHarness h = harness("ops/backup", new PlainFolder());
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/*");
        K8sBackupConfiguration.get().setAllowJobPatterns(true);

        h.definition(FROM_SCM);
        assertThat(h.runFailing(new JenkinsBackupStep())).hasMessageContaining(
                "it matches 'ops/*', but its Pipeline script is not inline (definition CpsScmFlowDefinition");
        assertThat(anyFileUnder(vault)).isFalse();

        h.definition(INLINE);
        assertThat(map(h.run(new JenkinsBackupStep()))).containsEntry("status", "Completed");

        h.definition(FROM_SCM);
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/* allowScm: true");
        assertThat(map(h.run(new JenkinsBackupStep()))).containsEntry("status", "Completed");
    }

    @Test
    void aPatternWithoutTheAdministratorsOptInAllowsNothing() throws Exception {
        StepHarness h = harness("ops/backup", null);
        h.definition(INLINE);
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/*");

        assertThat(h.runFailing(new JenkinsBackupStep())).hasMessageContaining("it matches 'ops/*', but patterns are not enabled");
    }

    @Test
    void aJobCannotChooseTheStorageEndpointOrKeys() throws Exception {
        StepHarness h = harness("ops/backup", null);
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/backup");
        h.credentials(new TestCreds.Text("attacker-key", "a key the attacker knows well"));
        S3Location attackerBucket = new S3Location("attacker-bucket");
        attackerBucket.setEndpoint("https://attacker.example.com");
        JenkinsBackupStep step = new JenkinsBackupStep();
        step.setStorage(attackerBucket);
        step.setEncryptionCredentialsId("attacker-key");
        step.setKeyCredentialsId("attacker-key");
        step.setKeepLastFull(1);

        Throwable refused = h.runFailing(step);

        assertThat(refused).isInstanceOf(AbortException.class).hasMessageStartingWith(
                "jenkinsBackup: storage, encryptionCredentialsId, keyCredentialsId, keepLastFull are set by an administrator, not by a job")
                .hasMessageContaining("remove them from the step");
        assertThat(h.log()).doesNotContain("attacker.example.com");
        assertThat(anyFileUnder(vault)).isFalse();

        JenkinsRestoreStep restore = new JenkinsRestoreStep("latest");
        restore.setTarget("staging");
        restore.setStorage(attackerBucket);
        assertThat(h.runFailing(restore)).hasMessageStartingWith("jenkinsRestore: storage is set by an administrator");
    }

    @Test
    void theBackupGoesToTheAdministratorsLocationEncryptedWithItsSystemKeys() throws Exception {
        StepHarness h = harness("ops/backup", null);
        K8sBackupConfiguration config = K8sBackupConfiguration.get();
        config.setJenkinsBackupAllowedJobs("ops/backup");
        h.credentials(TestCreds.systemScoped(new TestCreds.Text("home-key", "the administrator's archive passphrase")),
                TestCreds.systemScoped(new TestCreds.Text("mk-key", "the administrator's master.key passphrase")));
        config.setJenkinsHomeEncryptionCredentialsId("home-key");
        config.setJenkinsHomeMasterKeyCredentialsId("mk-key");

        Map<String, Object> result = map(h.run(new JenkinsBackupStep()));

        assertThat(result).containsEntry("status", "Completed").containsEntry("masterKey", "stored-separately");
        try (Stream<Path> files = Files.walk(vault)) {
            assertThat(files.map(Path::toString)).anyMatch(f -> f.endsWith("home.tar.zst.enc"));
        }
        assertThat(h.log()).contains("backing up JENKINS_HOME (auto) to " + vault + ", encrypted; master.key stored separately")
                .doesNotContain("the administrator's archive passphrase").doesNotContain("master.key passphrase");
    }

    @Test
    void aGlobalKeyIsRefusedBecauseJobsCouldReadIt() throws Exception {
        StepHarness h = harness("ops/backup", null);
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/backup");
        h.credentials(new TestCreds.Text("global-key", "any job can read this one"));
        K8sBackupConfiguration.get().setJenkinsHomeMasterKeyCredentialsId("global-key");

        assertThat(h.runFailing(new JenkinsBackupStep())).hasMessageContaining(
                "encryption credentials 'global-key' must be System-scoped");
        assertThat(anyFileUnder(vault)).isFalse();
    }

    @Test
    void withoutAConfiguredLocationNothingIsBackedUp() throws Exception {
        StepHarness h = harness("ops/backup", null);
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/backup");
        K8sBackupConfiguration.get().setJenkinsHomeLocation(null);

        assertThat(h.runFailing(new JenkinsBackupStep())).hasMessageStartingWith(
                "jenkinsBackup: no JENKINS_HOME backup location is configured");
    }

    /** The job allowed by name, and one backup of the home in the administrator's location. */
    StepHarness allowedWithABackup() throws Exception {
        StepHarness h = harness("ops/backup", null);
        K8sBackupConfiguration.get().setJenkinsBackupAllowedJobs("ops/backup");
        h.run(new JenkinsBackupStep());
        return h;
    }

    JenkinsRestoreStep restoreInto(String target) {
        JenkinsRestoreStep step = new JenkinsRestoreStep("latest");
        step.setTarget(target);
        step.setPreview(false);
        return step;
    }

    @Test
    void aRestoreOutsideTheRootIsRefused() throws Exception {
        StepHarness h = allowedWithABackup();
        Path ref = Files.createDirectories(tmp.resolve("usr-share-jenkins-ref"));

        assertThat(h.runFailing(restoreInto(ref.toString()))).hasMessage("jenkinsRestore: refusing to restore into '" + ref
                + "': it is outside the restore root " + restores + " (Manage Jenkins » System » Kubernetes backup » JENKINS_HOME restore root)");
        assertThat(h.runFailing(restoreInto("../usr-share-jenkins-ref"))).hasMessageContaining("must not contain '.' or '..'");
        assertThat(h.runFailing(restoreInto(restores.resolve("a/../../usr-share-jenkins-ref").toString())))
                .hasMessageContaining("must not contain '.' or '..'");
        assertThat(h.runFailing(restoreInto(h.home.toString()))).hasMessageContaining("outside the restore root");
        assertThat(h.runFailing(restoreInto(restores.toString()))).hasMessageContaining("not the root itself");
        assertThat(anyFileUnder(ref)).isFalse();

        K8sBackupConfiguration.get().setJenkinsHomeRestoreRoot(null);
        assertThat(h.runFailing(restoreInto("staging"))).hasMessageStartingWith(
                "jenkinsRestore: no JENKINS_HOME restore root is configured, so restores may not write anywhere");
    }

    @Test
    void aRestoreThroughASymbolicLinkIsRefused() throws Exception {
        StepHarness h = allowedWithABackup();
        Path ref = Files.createDirectories(tmp.resolve("usr-share-jenkins-ref"));
        Files.createSymbolicLink(restores.resolve("innocent"), ref);
        Files.createDirectories(restores.resolve("real"));
        Files.createSymbolicLink(restores.resolve("real/deeper"), h.home);

        assertThat(h.runFailing(restoreInto("innocent"))).hasMessageContaining("innocent is a symbolic link; restores never follow links");
        assertThat(h.runFailing(restoreInto("innocent/init.groovy.d"))).hasMessageContaining("innocent is a symbolic link");
        assertThat(h.runFailing(restoreInto("real/deeper/jobs"))).hasMessageContaining("deeper is a symbolic link");
        assertThat(anyFileUnder(ref)).isFalse();
        assertThat(h.home.resolve("jobs")).doesNotExist();
    }

    @Test
    void aSymlinkedRootIsTheAdministratorsChoiceAndWorks() throws Exception {
        StepHarness h = allowedWithABackup();
        Path link = Files.createSymbolicLink(tmp.resolve("restores-link"), restores);
        K8sBackupConfiguration.get().setJenkinsHomeRestoreRoot(link.toString());

        assertThat(map(h.run(restoreInto(link.resolve("staging").toString())))).containsEntry("status", "Completed");
        assertThat(restores.resolve("staging/credentials.xml")).exists();
    }

    @Test
    void cleanNeverLeavesTheTarget() throws Exception {
        StepHarness h = allowedWithABackup();
        Path sibling = Files.createDirectories(restores.resolve("other-restore"));
        Files.writeString(sibling.resolve("config.xml"), "<hudson>keep me</hudson>");
        Files.writeString(restores.resolve("extra.xml"), "<keep/>");
        Path staging = Files.createDirectories(restores.resolve("staging"));
        Files.writeString(staging.resolve("stale.xml"), "<not-in-the-backup/>");
        JenkinsRestoreStep step = restoreInto("staging");
        step.setClean(true);

        Map<String, Object> report = map(h.run(step));

        assertThat(report).containsEntry("status", "Completed").containsEntry("deleted", 1);
        assertThat(staging.resolve("stale.xml")).doesNotExist();
        assertThat(staging.resolve("credentials.xml")).exists();
        assertThat(sibling.resolve("config.xml")).hasContent("<hudson>keep me</hudson>");
        assertThat(restores.resolve("extra.xml")).exists();
        assertThat(h.home.resolve("config.xml")).hasContent("<hudson/>");
    }
}
