package io.jenkins.plugins.k8sbackup.jenkins.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.TestExtensions;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.access.AccessDeniedException;

/** The administrators' restore page (Manage Jenkins » JENKINS_HOME backups): permission, preview, quiet mode, same rules as the step. */
class AdminRestoreTest {
    @TempDir
    Path tmp;
    StepHarness h;
    Path restores;
    String backupName;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "unused", 1);
        Files.writeString(h.home.resolve("config.xml"), "<hudson/>");
        Files.writeString(h.home.resolve("credentials.xml"), "<credentials/>");
        restores = Files.createDirectories(tmp.resolve("restores"));
        K8sBackupConfiguration config = K8sBackupConfiguration.get();
        config.setLocations(List.of(new PredefinedLocation("vault", new DirectoryLocation(tmp.resolve("vault").toString()))));
        config.setJenkinsHomeLocation("vault");
        config.setJenkinsHomeRestoreRoot(restores.toString());
        PeriodicJenkinsBackup work = new PeriodicJenkinsBackup();
        TestExtensions.register(work);
        backupName = work.runNow("full", new StreamTaskListener(new ByteArrayOutputStream(), StandardCharsets.UTF_8)).name();
    }

    JenkinsBackupLink page() {
        JenkinsBackupLink link = new JenkinsBackupLink();
        TestExtensions.register(link);
        return link;
    }

    @Test
    void onlyAdministratorsMayRestoreOrList() {
        h.permissions((auth, p) -> p != Jenkins.ADMINISTER);
        JenkinsBackupLink page = page();

        assertThatThrownBy(() -> page.doRestore(backupName, "staging", false, false, true)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(page::getAvailableBackups).isInstanceOf(AccessDeniedException.class);
        assertThat(page.getRequiredPermission()).isSameAs(Jenkins.ADMINISTER);
        assertThat(restores.resolve("staging")).doesNotExist();
        assertThat(Jenkins.get().isQuietingDown()).isFalse();
    }

    @Test
    void thePageListsTheBackupsOfTheAdministratorsLocation() {
        AdminRestore.Listing listing = page().getAvailableBackups();

        assertThat(listing.problem()).isNull();
        assertThat(listing.backups()).singleElement().satisfies(b -> assertThat(b.name()).isEqualTo(backupName));
    }

    @Test
    void aPreviewWritesNothingAndLeavesJenkinsAlone() {
        JenkinsBackupLink page = page();

        page.doRestore(backupName, "staging", true, false, true);

        AdminRestore.Attempt a = page.getLastRestore();
        assertThat(a.status()).isEqualTo("Completed");
        assertThat(a.preview()).isTrue();
        assertThat(a.summary()).contains("restore preview of " + backupName).contains("would create 2");
        assertThat(restores.resolve("staging")).doesNotExist();
        assertThat(Jenkins.get().isQuietingDown()).isFalse();
        assertThat(a.quietMode()).isNull();
    }

    @Test
    void aRestorePutsJenkinsIntoQuietModeForTheSwitchOver() throws Exception {
        JenkinsBackupLink page = page();

        page.doRestore("latest", "staging", false, false, true);

        AdminRestore.Attempt a = page.getLastRestore();
        assertThat(a.status()).isEqualTo("Completed");
        assertThat(restores.resolve("staging/credentials.xml")).exists();
        assertThat(Jenkins.get().isQuietingDown()).isTrue();
        assertThat(Jenkins.get().getQuietDownReason()).contains("Restoring the JENKINS_HOME backup latest into");
        assertThat(a.quietMode()).startsWith("Jenkins is in quiet mode");
    }

    @Test
    void aFailedRestoreCancelsTheQuietModeItEntered() throws Exception {
        Files.writeString(restores.resolve("a-file"), "not a directory");
        JenkinsBackupLink page = page();

        page.doRestore(backupName, "a-file/staging", false, false, true);

        AdminRestore.Attempt a = page.getLastRestore();
        assertThat(a.status()).isEqualTo("Failed");
        assertThat(a.summary()).contains("is not a directory");
        assertThat(Jenkins.get().isQuietingDown()).isFalse();
    }

    @Test
    void thePageFollowsTheStepsRules() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("usr-share-jenkins-ref"));
        Files.createSymbolicLink(restores.resolve("link"), outside);
        JenkinsBackupLink page = page();

        page.doRestore(backupName, outside.toString(), false, true, true);
        assertThat(page.getLastRestore().summary()).contains("outside the restore root");
        page.doRestore(backupName, "link", false, true, true);
        assertThat(page.getLastRestore().summary()).contains("is a symbolic link");
        page.doRestore(backupName, h.home.toString(), false, true, true);
        assertThat(page.getLastRestore().status()).isEqualTo("Failed");

        assertThat(Files.list(outside)).isEmpty();
        assertThat(Jenkins.get().isQuietingDown()).isFalse();
    }
}
