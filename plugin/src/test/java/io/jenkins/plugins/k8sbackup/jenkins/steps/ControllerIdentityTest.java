package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.NamedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Location;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step on the built-in node without credentials would use the controller's own kubeconfig, service account or AWS
 * role: refused unless an administrator allowed it. On an agent the agent's identity is used as before.
 */
class ControllerIdentityTest {
    static final String REFUSAL = "without credentials on the built-in node";

    @TempDir
    Path tmp;

    static K8sBackupStep backupWithoutCredentials() {
        K8sBackupStep step = new K8sBackupStep();
        step.setStorage(new S3Location("backups"));
        step.setIncludeNamespaces(List.of("shop"));
        return step;
    }

    @Test
    void aClusterStepOnTheBuiltInNodeWithoutCredentialsIsRefused() throws Exception {
        StepHarness h = new StepHarness(tmp, "deploy", 1).onBuiltInNode();

        Throwable refused = h.runFailing(backupWithoutCredentials());

        assertThat(refused).isInstanceOf(AbortException.class).hasMessage("k8sBackup: refusing to reach the cluster " + REFUSAL
                + ": that would use the controller's own kubeconfig or service account, which jobs may not use. Pass "
                + "credentialsId, run the step on an agent (node('label') { ... }), or ask an administrator to allow it under "
                + ControllerIdentity.WHERE);
    }

    @Test
    void aLocalWorkspaceAloneAlsoCountsAsTheController() throws Exception {
        StepHarness h = new StepHarness(tmp, "deploy", 1).onController(); // no Computer in the context, local FilePath

        assertThat(h.runFailing(backupWithoutCredentials())).hasMessageContaining(REFUSAL);
    }

    @Test
    void s3WithoutKeysOnTheBuiltInNodeIsRefusedEvenWithClusterCredentials() throws Exception {
        StepHarness h = new StepHarness(tmp, "deploy", 1).onBuiltInNode();
        h.credentials(new TestCreds.Text("k8s-token", "a-token"));
        K8sBackupStep step = backupWithoutCredentials();
        step.setCredentialsId("k8s-token");
        step.setServerUrl("https://k8s.example.com");

        assertThat(h.runFailing(step)).hasMessageContaining("refusing to reach S3 storage s3://backups/")
                .hasMessageContaining("the controller's AWS identity").hasMessageContaining("Pass credentialsId in s3(...)");

        K8sBackupConfiguration.get().setLocations(List.of(new PredefinedLocation("shared", new S3Location("shared-bucket"))));
        step.setStorage(new NamedLocation("shared"));
        assertThat(h.runFailing(step)).as("a predefined location without keys too").hasMessageContaining(
                "refusing to reach S3 storage s3://shared-bucket/");
    }

    @Test
    void onAnAgentTheAgentsOwnIdentityIsUsed() throws Exception {
        StepHarness h = new StepHarness(tmp, "deploy", 1); // workspace on an agent

        // Past the guard: the step looks for the machine's own configuration (none here) and fails there instead.
        assertThat(h.runFailing(backupWithoutCredentials())).hasMessageStartingWith("k8sBackup failed: ")
                .hasMessageNotContaining(REFUSAL);
    }

    @Test
    void anAdministratorCanAllowIt() throws Exception {
        StepHarness h = new StepHarness(tmp, "deploy", 1).onBuiltInNode();
        K8sBackupConfiguration.get().setAllowControllerIdentity(true);

        // Past the guard: the step looks for the machine's own configuration (none here) and fails there instead.
        assertThat(h.runFailing(backupWithoutCredentials())).hasMessageStartingWith("k8sBackup failed: ")
                .hasMessageNotContaining(REFUSAL);
    }
}
