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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A backup encrypted in Jenkins with a secret-text passphrase restores with the CLI's --encryption-passphrase-file. */
class PassphraseAcrossCliTest {
    private static final String PASSPHRASE = "correct horse battery staple 42";

    @RegisterExtension
    static final SampleCluster cluster = new SampleCluster();

    @TempDir
    Path tmp;
    StepHarness h;
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "deploy-shop", 5);
        h.credentials(new TestCreds.Text("k8s", MockCluster.TOKEN), new TestCreds.Text("backup-passphrase", PASSPHRASE));
        K8sBackupStep backup = cluster.connect(new K8sBackupStep(), "k8s");
        backup.setIncludeNamespaces(List.of("shop"));
        backup.setName("from-jenkins");
        backup.setEncryptionCredentialsId("backup-passphrase");
        backup.setEncrypt("all");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) h.run(backup);
        assertThat(result).containsEntry("status", "Completed");
    }

    @Test
    void theCliRestoresWithThePassphraseFileAndRefusesAnotherOne() throws Exception {
        Path storage = h.workspaceDir.resolve("backups");
        Path kubeconfig = cluster.mock().writeKubeconfig(tmp.resolve("kubeconfig"));
        Path right = Files.writeString(tmp.resolve("passphrase.txt"), PASSPHRASE + "\n");
        Path wrong = Files.writeString(tmp.resolve("other.txt"), "another passphrase of some length\n");

        int refused = cli("restore", "from-jenkins", "--kubeconfig", kubeconfig.toString(), "--storage", storage.toString(),
                "--namespace-map", "shop=shop-wrong-key", "--include-resources", "namespaces,configmaps,secrets", "--encryption-passphrase-file", wrong.toString());
        int restored = cli("restore", "from-jenkins", "--kubeconfig", kubeconfig.toString(), "--storage", storage.toString(),
                "--namespace-map", "shop=shop-from-cli", "--include-resources", "namespaces,configmaps,secrets", "--encryption-passphrase-file", right.toString());

        assertThat(refused).isNotZero();
        assertThat(cluster.client().configMaps().inNamespace("shop-wrong-key").list().getItems()).isEmpty();
        assertThat(restored).as(err.toString()).isZero();
        assertThat(cluster.client().configMaps().inNamespace("shop-from-cli").list().getItems()).isNotEmpty();
        // encrypt: 'all' — every object was decrypted with the key derived from the passphrase file
        assertThat(cluster.client().secrets().inNamespace("shop-from-cli").list().getItems()).isNotEmpty();
    }

    private int cli(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
