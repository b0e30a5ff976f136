package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** list's ENCRYPTION column and field: how each backup is encrypted, from its manifest, and never the key. */
class ListEncryptionCliTest {
    static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    static final String PASSPHRASE = "a long passphrase for the listing test";

    @TempDir
    Path dir;
    MockCluster cluster;
    Path kubeconfig;
    Path keyFile;
    Path passphraseFile;
    String storage;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
        kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        keyFile = Files.writeString(dir.resolve("key.hex"), KEY_HEX);
        passphraseFile = Files.writeString(dir.resolve("passphrase.txt"), PASSPHRASE + "\n");
        storage = dir.resolve("store").toString();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private int run(String... args) {
        return CliRun.execute(out, err, args);
    }

    private void backup(String name, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("backup", "--kubeconfig", kubeconfig.toString(),
                "--storage", storage, "--name", name, "--include-namespaces", "shop"));
        args.addAll(List.of(more));
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
    }

    @Test
    void listShowsNoneSecretsWithTheKeysFingerprintAndAPassphraseAndNoKeyMaterial() throws Exception {
        backup("plain");
        backup("keyed", "--encryption-key-file", keyFile.toString());
        backup("phrase", "--encrypt", "all", "--encryption-passphrase-file", passphraseFile.toString());
        String fingerprint = EncryptionKey.fromFile(keyFile).fingerprint();

        assertThat(run("list", "--storage", storage)).isZero();
        String table = out.toString();
        assertThat(table.lines().findFirst().orElseThrow()).containsPattern("KIND +ENCRYPTION +LABELS");
        assertThat(table).containsPattern("(?m)^plain .* kubernetes +none +")
                .containsPattern("(?m)^keyed .* kubernetes +secrets key " + fingerprint.substring(0, 8) + " +")
                .containsPattern("(?m)^phrase .* kubernetes +all \\(passphrase\\) +");
        assertThat(table).doesNotContain(fingerprint).doesNotContain(KEY_HEX).doesNotContain(PASSPHRASE);

        assertThat(run("list", "--storage", storage, "-o", "json")).isZero();
        String json = out.toString();
        Map<String, JsonNode> byName = new HashMap<>();
        Json.MAPPER.readTree(json).forEach(b -> byName.put(b.path("name").asText(), b.path("encryption")));
        assertThat(byName.get("plain").path("mode").asText()).isEqualTo("none");
        assertThat(byName.get("plain").path("keySource").isNull()).isTrue();
        assertThat(byName.get("keyed").path("mode").asText()).isEqualTo("secrets");
        assertThat(byName.get("keyed").path("keySource").asText()).isEqualTo("key");
        assertThat(byName.get("keyed").path("keyFingerprint").asText()).isEqualTo(fingerprint);
        assertThat(byName.get("phrase").path("mode").asText()).isEqualTo("all");
        assertThat(byName.get("phrase").path("keySource").asText()).isEqualTo("passphrase");
        assertThat(json).doesNotContain(KEY_HEX).doesNotContain(PASSPHRASE).doesNotContain("salt");

        assertThat(run("list", "--storage", storage, "-o", "yaml")).isZero();
        assertThat(out.toString()).contains("keySource: \"passphrase\"").doesNotContain(PASSPHRASE);
    }

    @Test
    void jenkinsHomeBackupsShowWhetherTheirArchiveIsEncrypted() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("jobs/deploy"));
        Files.writeString(home.resolve("config.xml"), "<hudson/>");
        Files.writeString(home.resolve("jobs/deploy/config.xml"), "<flow-definition/>");
        assertThat(run("jenkins-backup", "--home", home.toString(), "--storage", storage, "--name", "h-plain",
                "--mode", "full")).isZero();
        assertThat(run("jenkins-backup", "--home", home.toString(), "--storage", storage, "--name", "h-keyed",
                "--mode", "full", "--encryption-key-file", keyFile.toString())).isZero();
        String fingerprint = EncryptionKey.fromFile(keyFile).fingerprint();

        assertThat(run("list", "--storage", storage, "--kind", "jenkins")).isZero();
        assertThat(out.toString()).containsPattern("(?m)^h-plain .* jenkins_home +none +")
                .containsPattern("(?m)^h-keyed .* jenkins_home +all key " + fingerprint.substring(0, 8) + " +")
                .doesNotContain(KEY_HEX);
    }
}
