package io.jenkins.plugins.k8sbackup.jenkins.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.util.FormValidation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Location;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.access.AccessDeniedException;

class K8sBackupConfigurationTest {
    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "job", 1);
    }

    @Test
    void changingTheConfigurationNeedsOverallAdminister() {
        h.permissions((auth, p) -> p != Jenkins.ADMINISTER);
        K8sBackupConfiguration config = K8sBackupConfiguration.get();

        assertThatThrownBy(() -> config.configure(null, null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> config.doCheckJenkinsBackupAllowedJobs("ops/*", true)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> config.doCheckFullBackupSchedule("H 2 * * *")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> config.doCheckJenkinsHomeRestoreRoot("/srv")).isInstanceOf(AccessDeniedException.class);
        assertThat(config.doFillJenkinsHomeMasterKeyCredentialsIdItems("mk")).as("no list, only the current value")
                .extracting(o -> o.value).containsExactly("mk");
        assertThat(config.getRequiredGlobalConfigPagePermission()).isSameAs(Jenkins.ADMINISTER);
    }

    @Test
    void validationCatchesDuplicateNamesBadNamesAndSchedulesWithoutALocation() {
        K8sBackupConfiguration config = K8sBackupConfiguration.get();
        config.setLocations(List.of(new PredefinedLocation("prod", new S3Location("a-bucket")),
                new PredefinedLocation("prod", new S3Location("b-bucket"))));
        assertThat(config.validate()).contains("'prod' is used twice");

        config.setLocations(List.of(new PredefinedLocation("../x", new S3Location("a-bucket"))));
        assertThat(config.validate()).contains("name '../x'");

        config.setLocations(List.of(new PredefinedLocation("prod", new S3Location("a-bucket"))));
        config.setFullBackupSchedule("H 2 * * 0");
        assertThat(config.validate()).contains("needs one of the predefined storage locations");
        config.setJenkinsHomeLocation("prod");
        assertThat(config.validate()).isNull();
        config.setDiffBackupSchedule("not cron");
        assertThat(config.validate()).contains("invalid schedule 'not cron'");
    }

    @Test
    void theAllowListCheckWarnsWhatItGrants() {
        K8sBackupConfiguration config = K8sBackupConfiguration.get();

        assertThat(config.doCheckJenkinsBackupAllowedJobs("", false).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckJenkinsBackupAllowedJobs("ops/backup", false).kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(config.doCheckJenkinsBackupAllowedJobs("ops/*", true).kind).isEqualTo(FormValidation.Kind.WARNING);
        FormValidation withoutOptIn = config.doCheckJenkinsBackupAllowedJobs("ops/*", false);
        assertThat(withoutOptIn.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(withoutOptIn.getMessage()).contains("'ops/*' is a pattern: enable 'Allow patterns'");
    }

    @Test
    void patternsWithoutTheOptInAndBadRestoreRootsMakeTheConfigurationInvalid() throws Exception {
        K8sBackupConfiguration config = K8sBackupConfiguration.get();
        config.setJenkinsBackupAllowedJobs("ops/**");
        assertThat(config.validate()).contains("'ops/**' is a pattern");
        config.setAllowJobPatterns(true);
        assertThat(config.validate()).isNull();

        config.setJenkinsHomeRestoreRoot(h.home.resolve("staging").toString());
        assertThat(config.validate()).contains("is not an existing directory");
        java.nio.file.Files.createDirectories(h.home.resolve("staging"));
        assertThat(config.validate()).contains("is inside the running Jenkins' home");
        config.setJenkinsHomeRestoreRoot(tmp.toString());
        assertThat(config.validate()).contains("contains the running Jenkins' home");
        config.setJenkinsHomeRestoreRoot("relative/restores");
        assertThat(config.validate()).contains("must be an absolute path");
        java.nio.file.Path restores = java.nio.file.Files.createDirectories(tmp.resolve("restores"));
        config.setJenkinsHomeRestoreRoot(restores.toString());
        assertThat(config.validate()).isNull();
        assertThat(config.doCheckJenkinsHomeRestoreRoot(restores.toString()).kind).isEqualTo(FormValidation.Kind.OK);
    }
}
