package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.cli.Main;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.credentials.CredentialResolver;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.testing.SampleCluster;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A backup encrypted in Jenkins with a secret-text passphrase restores with the CLI's --encryption-passphrase-file, and
 * one taken by the CLI reads with the key the plugin resolves from the credential: both derive the backup's key with
 * PBKDF2 and the salt its manifest records.
 */
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

    @Test
    void theBackupRecordsASaltedPbkdf2KeyAndTheLogShowsNeitherThePassphraseNorAnUnsaltedFingerprint() throws Exception {
        JsonNode manifest = Json.MAPPER.readTree(h.workspaceDir.resolve("backups/backups/from-jenkins/manifest.json").toFile());
        JsonNode kdf = manifest.path("encryption").path("keyDerivation");
        assertThat(manifest.path("formatVersion").asInt()).isEqualTo(3);
        assertThat(kdf.path("algorithm").asText()).isEqualTo("PBKDF2WithHmacSHA256");
        assertThat(kdf.path("iterations").asInt()).isEqualTo(600_000);
        assertThat(Base64.getDecoder().decode(kdf.path("salt").asText())).hasSize(16);
        String unsalted = EncryptionKey.fromPassphrase(PASSPHRASE).fingerprint(); // SHA-256 of SHA-256: a cheap guess test
        assertThat(manifest.path("encryption").path("keyFingerprint").asText()).isNotEqualTo(unsalted).hasSize(16);
        assertThat(h.log()).doesNotContain(PASSPHRASE).doesNotContain(unsalted).contains("PBKDF2-HMAC-SHA256");
    }

    @Test
    void aBackupTakenWithTheCliReadsWithTheKeyThePluginResolvesFromTheCredential() throws Exception {
        Path storage = tmp.resolve("cli-backups");
        Path kubeconfig = cluster.mock().writeKubeconfig(tmp.resolve("kubeconfig"));
        Path passphrase = Files.writeString(tmp.resolve("passphrase.txt"), PASSPHRASE + "\n");
        StringWriter out = new StringWriter();
        int backedUp = cli(out, "backup", "--name", "from-cli", "--kubeconfig", kubeconfig.toString(), "--storage", storage.toString(),
                "--include-namespaces", "shop", "--encrypt", "all", "--encryption-passphrase-file", passphrase.toString());
        assertThat(backedUp).as(err.toString()).isZero();
        assertThat(out.toString() + err).doesNotContain(PASSPHRASE);

        EncryptionKey resolved = new CredentialResolver(h.run, "k8sRestore").encryptionKey("backup-passphrase").orElseThrow();
        try (BackupReader reader = BackupReader.open(LocalDirectoryStorage.existing(storage), "from-cli", Optional.of(resolved))) {
            assertThat(reader.manifest().keyDerivation()).isNotNull();
            List<BackupReader.StoredItem> items = reader.readAll();
            assertThat(items).isNotEmpty().allSatisfy(i -> assertThat(i.ok()).as(i.error()).isTrue());
            assertThat(items).filteredOn(i -> i.record().resource().equals("secrets")).isNotEmpty()
                    .allMatch(i -> i.record().encrypted());
        }
    }

    private int cli(String... args) {
        return cli(new StringWriter(), args);
    }

    private int cli(StringWriter out, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
