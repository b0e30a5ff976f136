package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script gives the jenkins-* commands (and only them) C2 and the serial collector with a small young
 * generation, finds the command behind leading options, and leaves K8S_BACKUP_JAVA_OPTS last so it wins. A stand-in
 * {@code java} prints the arguments it was given.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherJenkinsSettingsTest {
    private static final String JENKINS_SETTINGS = "-XX:TieredStopAtLevel=4 -XX:+UseSerialGC -Xmn16m";
    @TempDir
    Path dir;
    Path launcher;
    Path javaHome;

    @BeforeEach
    void setUp() throws IOException {
        Path dist = Files.createDirectories(dir.resolve("dist"));
        launcher = dist.resolve("k8s-backup");
        Files.copy(Path.of("src/main/dist/k8s-backup"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.write(dist.resolve("k8s-backup.jar"), new byte[0]);
        javaHome = dir.resolve("jdk");
        Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String run(String javaOpts, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().remove("K8S_BACKUP_NO_CDS");
        if (javaOpts == null) {
            pb.environment().remove("K8S_BACKUP_JAVA_OPTS");
        } else {
            pb.environment().put("K8S_BACKUP_JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void jenkinsCommandsGetC2AndTheSerialCollectorOtherCommandsDoNot() throws Exception {
        String restore = run(null, "jenkins-restore", "b1", "--storage", "s", "--target", "t");
        assertThat(restore).contains("-XX:TieredStopAtLevel=1 " + JENKINS_SETTINGS + " -jar ")
                .endsWith("jenkins-restore b1 --storage s --target t");
        assertThat(run(null, "--debug", "jenkins-backup", "--home", "h")).contains(JENKINS_SETTINGS);

        String backup = run(null, "backup", "--namespace", "jenkins-x", "--storage", "s");
        assertThat(backup).doesNotContain("UseSerialGC").doesNotContain("-Xmn")
                .contains("-XX:TieredStopAtLevel=1 -jar ");
        assertThat(run(null, "--version")).doesNotContain("UseSerialGC");
    }

    @Test
    void userOptionsComeLastSoTheyWin() throws Exception {
        String out = run("-XX:-UseSerialGC -XX:+UseG1GC -Xmx512m", "jenkins-backup", "--home", "h");
        assertThat(out.indexOf("-XX:-UseSerialGC -XX:+UseG1GC -Xmx512m")).isGreaterThan(out.indexOf(JENKINS_SETTINGS));
        assertThat(out).contains("-Xmx512m -jar ");
    }
}
