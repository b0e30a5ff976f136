package io.jenkins.plugins.k8sbackup.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Location;
import org.junit.jupiter.api.Test;

/**
 * {@code unclassified: k8sBackup:} in JCasC: the YAML an administrator writes is applied as is, and the export
 * gives it back. Runs only with -Pjenkins (configuration-as-code and its test-harness come from the BOM).
 */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {
    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void importsTheLocationsAllowListAndSchedule(JenkinsConfiguredWithCodeRule r) {
        K8sBackupConfiguration config = K8sBackupConfiguration.get();

        assertThat(config.getLocations()).extracting(PredefinedLocation::getName).containsExactly("prod-backups", "nightly");
        assertThat(config.location("prod-backups").orElseThrow().getLocation()).isInstanceOfSatisfying(S3Location.class, s3 -> {
            assertThat(s3.getBucket()).isEqualTo("acme-prod-backups");
            assertThat(s3.getPrefix()).isEqualTo("clusters/prod");
            assertThat(s3.getRegion()).isEqualTo("eu-west-1");
            assertThat(s3.getCredentialsId()).isEqualTo("aws-prod");
        });
        assertThat(config.location("nightly").orElseThrow().getLocation()).isInstanceOfSatisfying(DirectoryLocation.class,
                d -> assertThat(d.getPath()).isEqualTo("/var/backups/k8s"));
        assertThat(config.getJenkinsBackupAllowedJobs()).isEqualTo("ops/*");
        assertThat(config.getFullBackupSchedule()).isEqualTo("H 2 * * 0");
        assertThat(config.isAllowJobPatterns()).isTrue();
        assertThat(config.isAllowControllerIdentity()).isFalse();
        assertThat(config.getJenkinsHomeLocation()).isEqualTo("nightly");
        assertThat(config.getJenkinsHomeKeepFull()).isEqualTo(4);
        assertThat(config.getJenkinsHomeMasterKeyCredentialsId()).isEqualTo("jenkins-master-key-key");
        assertThat(config.getJenkinsHomeRestoreRoot()).isEqualTo("/var/lib/jenkins-restores");
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportsWhatWasImported(JenkinsConfiguredWithCodeRule r) throws Exception {
        String exported = r.exportToString(false);

        // Values only: JCasC decides the quoting.
        assertThat(exported).contains("k8sBackup:", "jenkinsBackupAllowedJobs:", "ops/*", "locations:", "prod-backups",
                "s3:", "acme-prod-backups", "eu-west-1", "directory:", "/var/backups/k8s", "jenkinsHomeLocation:",
                "allowJobPatterns: true", "jenkinsHomeRestoreRoot:");
    }
}
