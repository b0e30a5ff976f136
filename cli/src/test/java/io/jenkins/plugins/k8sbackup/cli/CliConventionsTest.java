package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The conventions every command shares: kubectl's kubeconfig lookup, aliases, -o, help, suggestions, completion. */
class CliConventionsTest {
    static MockCluster cluster;
    static Path kubeconfig;
    @TempDir
    static Path shared;
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
        kubeconfig = cluster.writeKubeconfig(shared.resolve("kubeconfig"));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private int run(String... args) {
        return CliRun.execute(out, err, args);
    }

    /** The CLI as its own process, with the environment a shell would give it. */
    private ProcessResult runProcess(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("KUBECONFIG");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the CLI process ended").isTrue();
        return new ProcessResult(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    record ProcessResult(int exit, String out, String err) {}

    @Test
    void kubeconfigComesFromTheKubeconfigVariableThenFromHome() throws Exception {
        String storage = dir.resolve("store").toString();
        Path home = dir.resolve("home");
        Path missing = dir.resolve("missing");
        ProcessResult fromEnv = runProcess(Map.of("KUBECONFIG", missing + ":" + kubeconfig, "HOME", home.toString()),
                "backup", "--storage", storage, "-n", "shop", "--name", "from-env");
        assertThat(fromEnv.exit()).as(fromEnv.err()).isZero();
        assertThat(fromEnv.out()).contains("backup from-env: Completed");

        Files.createDirectories(home.resolve(".kube"));
        Files.copy(kubeconfig, home.resolve(".kube/config"));
        ProcessResult fromHome = runProcess(Map.of("HOME", home.toString()),
                "backup", "--storage", storage, "-n", "shop", "--name", "from-home");
        assertThat(fromHome.exit()).as(fromHome.err()).isZero();
        assertThat(fromHome.out()).contains("backup from-home: Completed");
    }

    @Test
    void noKubeconfigAnywhereIsAUsageErrorThatNamesTheWaysToGiveOne() {
        Path home = dir.resolve("empty-home");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> ClusterOptions.defaultKubeconfig(Map.of(), home)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kubeconfig").hasMessageContaining("$KUBECONFIG")
                .hasMessageContaining(home.resolve(".kube/config").toString());
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> ClusterOptions.defaultKubeconfig(Map.of("KUBECONFIG", dir.resolve("nope").toString()), home)))
                .hasMessageContaining("no file of $KUBECONFIG");
        assertThat(ClusterOptions.defaultKubeconfig(Map.of("KUBECONFIG", kubeconfig.toString()), home)).isEqualTo(kubeconfig);
    }

    @Test
    void keyFileIsAnAliasOfEncryptionKeyFile() throws Exception {
        Path key = dir.resolve("key.hex");
        Files.writeString(key, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        String storage = dir.resolve("store").toString();
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "-n", "shop",
                "--name", "aliased", "--key-file", key.toString())).as(err.toString()).isZero();
        assertThat(run("describe", "aliased", "--storage", storage, "-o", "json")).isZero();
        JsonNode manifest = Json.MAPPER.readTree(out.toString());
        assertThat(manifest.path("encryption").path("encryptedObjects").asInt()).isPositive();
    }

    @Test
    void kindTakesThePluginsWordsInAnyCase() throws Exception {
        String storage = dir.resolve("store").toString();
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "-n", "shop", "--name", "k1"))
                .isZero();
        for (String kind : List.of("kubernetes", "Kubernetes", "KUBERNETES", "k8s")) {
            assertThat(run("list", "--storage", storage, "--kind", kind)).as(kind + ": " + err).isZero();
            assertThat(out.toString()).contains("k1");
        }
        for (String kind : List.of("jenkins", "JENKINS_HOME", "jenkins-home", "etcd")) {
            assertThat(run("list", "--storage", storage, "--kind", kind)).as(kind + ": " + err).isZero();
            assertThat(out.toString()).doesNotContain("k1");
        }
        assertThat(run("list", "--storage", storage, "--kind", "velero")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("use kubernetes, jenkins or etcd");
    }

    @Test
    void jenkinsCommandsPrintTextByDefaultAndYamlOrJsonOnRequest() throws Exception {
        Path home = Files.createDirectories(dir.resolve("jenkins_home"));
        Files.writeString(home.resolve("config.xml"), "<hudson/>");
        Files.createDirectories(home.resolve("jobs/app"));
        Files.writeString(home.resolve("jobs/app/config.xml"), "<project/>");
        String storage = dir.resolve("store").toString();

        assertThat(run("jenkins-backup", "--home", home.toString(), "--storage", storage, "--name", "jh1")).as(err.toString())
                .isZero();
        assertThat(out.toString()).startsWith("JENKINS_HOME backup jh1 (full): Completed, 2 files");

        assertThat(run("jenkins-backup", "--home", home.toString(), "--storage", storage, "--name", "jh2", "-o", "yaml"))
                .isZero();
        JsonNode yaml = Json.YAML.readTree(out.toString());
        assertThat(yaml.path("name").asText()).isEqualTo("jh2");
        assertThat(yaml.path("status").asText()).isEqualTo("Completed");

        Path target = dir.resolve("restored");
        assertThat(run("jenkins-restore", "jh1", "--storage", storage, "--target", target.toString(), "--preview")).isZero();
        assertThat(out.toString()).startsWith("JENKINS_HOME restore preview of jh1").contains("create config.xml");
        assertThat(target.resolve("config.xml")).doesNotExist();

        assertThat(run("jenkins-restore", "jh1", "--storage", storage, "--target", target.toString(), "-o", "json")).isZero();
        assertThat(Json.MAPPER.readTree(out.toString()).path("created").asInt()).isEqualTo(2);
        assertThat(target.resolve("jobs/app/config.xml")).hasContent("<project/>");
    }

    @Test
    void everyCommandsHelpHasExamplesAndExitCodes() {
        CommandLine root = Main.commandLine();
        for (var entry : root.getSubcommands().entrySet()) {
            String help = entry.getValue().getUsageMessage();
            assertThat(help).as(entry.getKey()).contains("Examples:", "k8s-backup " + entry.getKey(), "Exit codes:",
                    "PartiallyFailed");
        }
        assertThat(HelpText.EXAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(root.getSubcommands().keySet());
    }

    @Test
    void aMistypedCommandOrOptionSuggestsTheNearestOne() {
        assertThat(run("restor", "b1")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).containsAnyOf("Did you mean", "Possible solutions").contains("restore");
        assertThat(run("list", "--storag", dir.toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString()).startsWith("error: Unknown option").contains("'--storag'")
                .containsAnyOf("Did you mean", "Possible solutions").contains("--storage");
        assertThat(err.toString()).as(err.toString()).doesNotContainPattern("\\b(\\w+) \\1\\b");
    }

    @Test
    void debugPrintsTheStackTraceOfAnError() {
        String storage = dir.resolve("store").toString();
        assertThat(run("describe", "nothing-here", "--storage", storage)).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("error: ").contains("--debug").doesNotContain("\tat ");
        assertThat(run("describe", "nothing-here", "--storage", storage, "--debug")).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("\tat io.jenkins.plugins.k8sbackup");
    }

    @Test
    void completionScriptsAreGeneratedFromTheCommandTree() {
        assertThat(run("completion", "bash")).isZero();
        String bash = out.toString();
        assertThat(bash).contains("complete -F").contains("restore").contains("jenkins-backup").contains("--encryption-key-file");
        assertThat(run("completion", "zsh")).isZero();
        assertThat(out.toString()).startsWith("autoload -U +X compinit").contains("bashcompinit").contains("complete -F");
        assertThat(run("completion", "fish")).isEqualTo(Main.USAGE);
    }

    @Test
    void quietKeepsWarningsAndTheResultOnly() {
        String storage = dir.resolve("store").toString();
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "-n", "shop", "--name", "v1"))
                .isZero();
        String normal = err.toString();
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "-n", "shop", "--name", "q1",
                "--quiet")).isZero();
        assertThat(normal).isNotBlank();
        assertThat(err.toString()).doesNotContain(normal.lines().findFirst().orElseThrow());
        assertThat(out.toString()).contains("backup q1: Completed");
    }

    @Test
    void everyResultPrintsAsYamlOrJsonAndListFiltersByLabel() throws Exception {
        String storage = dir.resolve("store").toString();
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "-n", "shop", "--name", "y1",
                "--label", "job=deploy")).isZero();
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "-n", "shop", "--name", "y2",
                "--label", "job=other")).isZero();
        assertThat(run("list", "--storage", storage, "-l", "job=deploy")).isZero();
        assertThat(out.toString()).contains("y1").doesNotContain("y2").contains("job=deploy").contains("kubernetes");
        assertThat(run("list", "--storage", storage, "-o", "yaml")).isZero();
        assertThat(Json.YAML.readTree(out.toString()).size()).isEqualTo(2);
        assertThat(run("describe", "y1", "--storage", storage, "-o", "yaml")).isZero();
        assertThat(Json.YAML.readTree(out.toString()).path("name").asText()).isEqualTo("y1");
        assertThat(run("diff", "y1", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "-o", "yaml")).isIn(Main.OK, Main.PARTIAL);
        assertThat(Json.YAML.readTree(out.toString()).path("compared").asInt()).isPositive();
        // no simulated controllers here: the workloads never become ready, and the failed verdict still comes as YAML
        assertThat(run("verify", "y1", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "-o", "yaml",
                "--timeout", "1s")).isEqualTo(Main.FAILED);
        assertThat(Json.YAML.readTree(out.toString()).path("result").asText()).isEqualTo("fail");
        assertThat(run("restore", "y1", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "-o", "json",
                "--dry-run")).isZero();
        assertThat(Json.MAPPER.readTree(out.toString()).path("status").asText()).isEqualTo("Completed");
    }

    @Test
    void deleteAsksUnlessYesAndRefusesWithoutATerminal() throws Exception {
        String storage = dir.resolve("store").toString();
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "-n", "shop", "--name", "d1"))
                .isZero();
        assertThat(run("delete", "d1", "--storage", storage)).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("give --yes to confirm");
        assertThat(run("list", "--storage", storage)).isZero();
        assertThat(out.toString()).contains("d1");
        assertThat(run("delete", "d1", "--storage", storage, "--yes")).isZero();
        assertThat(run("list", "--storage", storage)).isZero();
        assertThat(out.toString()).doesNotContain("d1");
    }
}
