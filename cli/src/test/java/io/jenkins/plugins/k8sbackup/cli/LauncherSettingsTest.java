package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM settings the launcher script picks per run: C1 only for the Kubernetes commands, the crypto directives where
 * a run encrypts or decrypts (or an etcd-* command), C2 and a small young generation for jenkins-* (the command found
 * behind leading options, never in an argument's value), the serial collector unless the user names one, and
 * K8S_BACKUP_JAVA_OPTS last so it wins. A stand-in {@code java} prints the arguments it was given. (The build runs
 * the real JVM through the launcher too: make-launcher.sh checks both settings start and print nothing of their own.)
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherSettingsTest {
    private static final String DIRECTIVES = "-XX:CompilerDirectivesFile=";
    @TempDir
    Path dir;
    Path dist;
    Path javaHome;

    @BeforeEach
    void setUp() throws IOException {
        dist = Files.createDirectories(dir.resolve("dist"));
        Path launcher = dist.resolve("k8s-backup");
        Files.copy(Path.of("src/main/dist/k8s-backup"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(Path.of("src/main/dist/k8s-backup-jit.json"), dist.resolve("k8s-backup-jit.json"));
        Files.write(dist.resolve("k8s-backup.jar"), new byte[0]);
        javaHome = dir.resolve("jdk");
        Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(dist.resolve("k8s-backup").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("K8S_BACKUP_"));
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void kubernetesCommandsRunC1OnlyWithTheSerialCollector() throws Exception {
        String backup = run(Map.of(), "backup", "--namespace", "jenkins-x", "--storage", "s");
        assertThat(backup).contains("-XX:TieredStopAtLevel=1").contains("-XX:+UseSerialGC -jar ")
                .doesNotContain(DIRECTIVES).doesNotContain("-Xmn").endsWith("backup --namespace jenkins-x --storage s");
    }

    @Test
    void runsThatEncryptOrDecryptAndEtcdCommandsGetTheCryptoDirectives() throws Exception {
        for (String[] args : List.of(new String[] {"restore", "b1", "--encryption-key-file", "k"},
                new String[] {"backup", "--key-file=k"}, new String[] {"diff", "b1", "--encryption-passphrase-file", "p"},
                new String[] {"etcd-verify", "s1"})) {
            String out = run(Map.of(), args);
            assertThat(out).as(String.join(" ", args)).contains(DIRECTIVES + dist.toRealPath().resolve("k8s-backup-jit.json"))
                    .contains("-XX:-DisplayVMOutput").contains("CompileThresholdScaling,com/sun/crypto/provider/*.*,0.05")
                    .doesNotContain("TieredStopAtLevel");
        }
        Files.delete(dist.resolve("k8s-backup-jit.json")); // without the directives file: C1 only, as before
        assertThat(run(Map.of(), "restore", "b1", "--encryption-key-file", "k")).contains("-XX:TieredStopAtLevel=1")
                .doesNotContain(DIRECTIVES);
    }

    @Test
    void jenkinsCommandsGetC2AndASmallYoungGeneration() throws Exception {
        String restore = run(Map.of(), "jenkins-restore", "b1", "--storage", "s", "--encryption-key-file", "k");
        assertThat(restore).contains("-Xmn16m").contains("-XX:+UseSerialGC").doesNotContain("TieredStopAtLevel")
                .doesNotContain(DIRECTIVES).endsWith("jenkins-restore b1 --storage s --encryption-key-file k");
        assertThat(run(Map.of(), "--debug", "jenkins-backup", "--home", "h")).contains("-Xmn16m");
    }

    @Test
    void userOptionsComeLastAndC2CanBeAskedFor() throws Exception {
        String out = run(Map.of("K8S_BACKUP_JAVA_OPTS", "-XX:+UseG1GC -Xmx512m"), "jenkins-backup", "--home", "h");
        assertThat(out).doesNotContain("UseSerialGC").contains("-XX:+UseG1GC -Xmx512m -jar ");
        assertThat(out.indexOf("-Xmx512m")).isGreaterThan(out.indexOf("-Xmn16m"));
        assertThat(run(Map.of("K8S_BACKUP_C2", "1"), "backup", "--encryption-key-file", "k"))
                .doesNotContain("TieredStopAtLevel").doesNotContain(DIRECTIVES);
        assertThat(run(Map.of("K8S_BACKUP_JAVA_OPTS", "-XX:TieredStopAtLevel=4"), "backup"))
                .contains("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:TieredStopAtLevel=4 -jar ");
    }
}
