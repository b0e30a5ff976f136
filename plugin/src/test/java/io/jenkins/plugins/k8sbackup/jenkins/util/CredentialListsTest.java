package io.jenkins.plugins.k8sbackup.jenkins.util;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.TestCredentialsStore;
import io.jenkins.plugins.k8sbackup.jenkins.steps.K8sBackupStep;
import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Location;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import hudson.util.ListBoxModel;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/** Credential drop-downs list what the job's builds may use, not everything SYSTEM sees. */
class CredentialListsTest {
    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "team/deploy", 1);
        h.credentials(new TestCreds.Text("team-token", "t"), new TestCreds.Text("ops-only-token", "o"),
                new TestCreds.UserPass("team-s3", "AKIA", "secret"), new TestCreds.UserPass("ops-s3", "AKIA2", "secret2"));
        TestCredentialsStore.visibleOnlyTo("ops-only-token", "SYSTEM");
        TestCredentialsStore.visibleOnlyTo("ops-s3", "SYSTEM");
        h.job.runsAs(new UsernamePasswordAuthenticationToken("team-member", "x"));
    }

    static java.util.List<String> ids(ListBoxModel m) {
        return m.stream().map(o -> o.value).toList();
    }

    @Test
    void stepListsUseTheJobsAuthentication() {
        ListBoxModel items = new K8sBackupStep.DescriptorImpl().doFillCredentialsIdItems(h.job, null, null);

        assertThat(ids(items)).contains("team-token").doesNotContain("ops-only-token");
    }

    @Test
    void s3ListsUseTheJobsAuthentication() {
        ListBoxModel items = new S3Location.DescriptorImpl().doFillCredentialsIdItems(h.job, null, null);

        assertThat(ids(items)).contains("team-s3").doesNotContain("ops-s3");
    }

    @Test
    void aJobRunningAsSystemSeesWhatSystemSees() {
        h.job.runsAs(hudson.security.ACL.SYSTEM2);

        assertThat(ids(new K8sBackupStep.DescriptorImpl().doFillCredentialsIdItems(h.job, null, null))).contains("ops-only-token");
    }

    @Test
    void theCurrentValueIsKeptEvenWhenNotListed() {
        assertThat(ids(new K8sBackupStep.DescriptorImpl().doFillCredentialsIdItems(h.job, "ops-only-token", null)))
                .contains("ops-only-token");
    }
}
