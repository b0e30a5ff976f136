package io.jenkins.plugins.k8sbackup.jenkins.util;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.catalog.BackupInUseException;
import io.jenkins.plugins.k8sbackup.crypto.DecryptionException;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeException;
import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.Remedy;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A refusal a setting fixes names the step parameter in the build log, wherever in the cause chain the engine said it. */
class StepRemediesTest {
    @Test
    void aMissingKeyNamesTheCredentialParameterAfterCrossingFromTheAgent() {
        DecryptionException engine = new DecryptionException(new Fix("backup 'b' holds 3 encrypted objects and no key was given",
                Remedy.GIVE_ENCRYPTION_KEY, "ab12"));
        assertThat(engine.getMessage()).as("the engine's own words name no front-end")
                .isEqualTo("backup 'b' holds 3 encrypted objects and no key was given: give the backup's encryption key (fingerprint ab12)");

        IOException plain = RemoteFailure.plain(new IOException("restore failed", engine), SecretMasker.none());

        assertThat(plain.getMessage()).contains("backup 'b' holds 3 encrypted objects and no key was given: set encryptionCredentialsId")
                .contains("fingerprint ab12").doesNotContain("give the backup's encryption key");
    }

    @Test
    void onTheControllerTooAndEveryRemedyHasStepWords() {
        AbortException abort = Failures.abort("jenkinsRestore", new JenkinsHomeException(new Fix("refusing to restore into /x",
                Remedy.SKIP_LIVE_CHECK, null)), SecretMasker.none());
        assertThat(abort.getMessage()).isEqualTo("jenkinsRestore failed: refusing to restore into /x: no step parameter skips this"
                + " check: stop that Jenkins, or give jenkinsRestore another target");
        AbortException inUse = Failures.abort("k8sRestore", new BackupInUseException("backup 'b' at /s is being deleted", "b"),
                SecretMasker.none());
        assertThat(inUse.getMessage()).contains("run the step again when it is done").doesNotContain("k8s-backup");
        for (Remedy r : Remedy.values()) {
            assertThat(StepRemedies.words(new Fix("p", r, "d"))).as(r.name()).isNotBlank().doesNotContain("--");
        }
    }

    @Test
    void aFailureWithoutAFixIsLeftAsItIs() {
        assertThat(StepRemedies.reword(new IOException("boom"), "boom")).isEqualTo("boom");
    }
}
