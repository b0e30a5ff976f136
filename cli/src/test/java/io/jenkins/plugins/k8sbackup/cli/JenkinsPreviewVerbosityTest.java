package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jenkins-restore --preview: the first 20 paths of each kind by default, every path with --verbose, progress gone with --quiet. */
class JenkinsPreviewVerbosityTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @Test
    void verboseListsEveryPathAndQuietDropsTheProgress() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/jobs"));
        for (int i = 0; i < 25; i++) {
            Files.createDirectories(home.resolve("job" + i));
            Files.writeString(home.resolve("job" + i + "/config.xml"), "<project/>");
        }
        String storage = dir.resolve("store").toString();
        assertThat(CliRun.execute(out, err, "jenkins-backup", "--home", home.getParent().toString(), "--storage", storage,
                "--name", "h1")).isZero();
        String target = dir.resolve("target").toString();

        assertThat(CliRun.execute(out, err, "jenkins-restore", "h1", "--storage", storage, "--target", target, "--preview")).isZero();
        assertThat(out.toString()).contains("more to create (--verbose or -o json lists them all)")
                .doesNotContain("create jobs/job9/config.xml").contains("create jobs/job1/config.xml");
        assertThat(err.toString()).isNotBlank();

        assertThat(CliRun.execute(out, err, "jenkins-restore", "h1", "--storage", storage, "--target", target, "--preview",
                "--verbose")).isZero();
        assertThat(out.toString()).doesNotContain("more to create");
        for (int i = 0; i < 25; i++) {
            assertThat(out.toString()).contains("create jobs/job" + i + "/config.xml");
        }

        assertThat(CliRun.execute(out, err, "jenkins-restore", "h1", "--storage", storage, "--target", target, "--preview",
                "--quiet")).isZero();
        assertThat(err.toString()).as("no progress lines").isEmpty();
        assertThat(out.toString()).contains("JENKINS_HOME restore preview of h1");
    }
}
