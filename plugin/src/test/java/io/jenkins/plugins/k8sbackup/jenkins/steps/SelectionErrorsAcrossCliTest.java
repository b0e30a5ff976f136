package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.cli.Main;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.testing.SampleCluster;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The steps and the CLI hand the same raw selection to the engine's one parser, so the same bad input is refused with
 * the same message: the step's error is "step: message", the CLI's "error: message" with the usage exit code 2.
 */
class SelectionErrorsAcrossCliTest {
    @RegisterExtension
    static final SampleCluster cluster = new SampleCluster();

    @TempDir
    Path tmp;
    StepHarness h;
    Path kubeconfig;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "deploy-shop", 3);
        h.credentials(new TestCreds.Text("k8s", MockCluster.TOKEN));
        kubeconfig = cluster.mock().writeKubeconfig(tmp.resolve("kubeconfig"));
    }

    @Test
    void restoreRefusesTheSameBadInputWithTheSameMessage() throws Exception {
        sameMessage(s -> s.setNamespaceMapping(Map.of("shop", "Shop_Copy")), "--namespace-map", "shop=Shop_Copy",
                "invalid namespace name 'Shop_Copy' in the namespace mapping");
        sameMessage(s -> s.setIncludeNamespaces(List.of("Shop")), "--include-namespaces", "Shop", "invalid namespace name 'Shop'");
        sameMessage(s -> s.setLabelSelector("app in (web"), "--selector", "app in (web", "invalid label selector 'app in (web'");
        sameMessage(s -> s.setObjects(List.of("configmaps")), "--object", "configmaps", "invalid object 'configmaps'");
        sameMessage(s -> s.setExistingResourcePolicy("overwrite"), "--existing", "overwrite",
                "invalid policy for existing objects 'overwrite'");
    }

    @Test
    void verifyAndDiffRefuseItAsRestoreDoes() throws Exception {
        VerifyRestoreStep verify = cluster.connect(new VerifyRestoreStep("b-1"), "k8s");
        verify.setStorage(new DirectoryLocation("backups"));
        verify.setIncludeNamespaces(List.of("shop_1"));
        K8sDiffStep diff = cluster.connect(new K8sDiffStep("b-1"), "k8s");
        diff.setStorage(new DirectoryLocation("backups"));
        diff.setIncludeNamespaces(List.of("shop_1"));
        String expected = "invalid namespace name 'shop_1'";

        assertThat(h.runFailing(verify).getMessage()).startsWith("verifyRestore: " + expected)
                .isEqualTo("verifyRestore: " + cliError("verify", "b-1", "-n", "shop_1"));
        assertThat(h.runFailing(diff).getMessage()).startsWith("k8sDiff: " + expected)
                .isEqualTo("k8sDiff: " + cliError("diff", "b-1", "-n", "shop_1"));
    }

    private void sameMessage(Consumer<K8sRestoreStep> stepArgument, String option, String value, String expected) throws Exception {
        K8sRestoreStep step = cluster.connect(new K8sRestoreStep("b-1"), "k8s");
        step.setStorage(new DirectoryLocation("backups"));
        stepArgument.accept(step);
        String stepMessage = h.runFailing(step).getMessage();
        String cliMessage = cliError("restore", "b-1", option, value);

        assertThat(stepMessage).startsWith("k8sRestore: " + expected);
        assertThat(cliMessage).startsWith(expected);
        assertThat(stepMessage).isEqualTo("k8sRestore: " + cliMessage);
    }

    /** Runs the CLI, expects the usage exit code, and returns its one error line without "error: ". */
    private String cliError(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--storage", tmp.resolve("backups").toString()));
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(all.toArray(String[]::new));
        assertThat(code).as(err.toString()).isEqualTo(2);
        String line = err.toString().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow(
                () -> new AssertionError("no error line in: " + err));
        return line.substring("error: ".length());
    }
}
