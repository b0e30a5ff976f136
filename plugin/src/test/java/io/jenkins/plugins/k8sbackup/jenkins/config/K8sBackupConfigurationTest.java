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
        assertThatThrownBy(() -> config.doCheckJenkinsBackupAllowedJobs("ops/*")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> config.doCheckFullBackupSchedule("H 2 * * *")).isInstanceOf(AccessDeniedException.class);
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
        config.setScheduleLocation("prod");
        assertThat(config.validate()).isNull();
        config.setDiffBackupSchedule("not cron");
        assertThat(config.validate()).contains("invalid schedule 'not cron'");
    }

    @Test
    void theAllowListCheckWarnsWhatItGrants() {
        K8sBackupConfiguration config = K8sBackupConfiguration.get();

        assertThat(config.doCheckJenkinsBackupAllowedJobs("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(config.doCheckJenkinsBackupAllowedJobs("ops/*").kind).isEqualTo(FormValidation.Kind.WARNING);
    }

    @Test
    void allowListGlobs() {
        JobAllowList list = JobAllowList.parse("""
                # comment
                exact-job
                ops/*
                admin/**
                """);

        assertThat(list.allows("exact-job")).isTrue();
        assertThat(list.allows("exact-job-2")).isFalse();
        assertThat(list.allows("ops/backup")).isTrue();
        assertThat(list.allows("ops/nested/backup")).isFalse();
        assertThat(list.allows("admin/a/b/c")).isTrue();
        assertThat(list.allows("# comment")).isFalse();
        assertThat(JobAllowList.parse("a.b").allows("aXb")).isFalse();
        assertThat(JobAllowList.parse(null).isEmpty()).isTrue();
    }
}
