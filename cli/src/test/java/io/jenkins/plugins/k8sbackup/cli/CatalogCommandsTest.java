package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.backup.BackupRunner;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.kube.KubeClients;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.S3ProxyFixture;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testing.GatedStorage;
import io.jenkins.plugins.k8sbackup.testing.KilledRun;
import io.jenkins.plugins.k8sbackup.testing.TestStore;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** list (incl. its ENCRYPTION column) and delete, and backups that meet other runs: what the CLI prints and its exit codes, on a directory and on S3. */
class CatalogCommandsTest {
    static final String LIST_KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    static final String LIST_PASSPHRASE = "a long passphrase for the listing test";
    @RegisterExtension
    static final S3ProxyFixture S3 = new S3ProxyFixture();

    @TempDir
    Path dir;
    MockCluster cluster;
    Path kubeconfig;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final ExecutorService background = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
        kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        // S3 credentials reach the CLI through the AWS default chain
        System.setProperty("aws.accessKeyId", S3ProxyFixture.IDENTITY);
        System.setProperty("aws.secretAccessKey", S3ProxyFixture.CREDENTIAL);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        background.shutdownNow();
        cluster.close();
    }

    private int run(String... args) {
        return CliRun.execute(out, err, args);
    }

    private String location(TestStore store) {
        return store.uri(dir, S3);
    }

    private int backup(String uri, String name, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("backup", "--kubeconfig", kubeconfig.toString(),
                "--storage", uri, "--name", name, "--include-namespaces", "shop"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void deletingANameThatHoldsNothingExitsOne(TestStore store) {
        String uri = location(store);
        assertThat(backup(uri, "b1")).isZero();

        assertThat(run("delete", "nope", "--storage", uri, "--yes")).isEqualTo(1);
        assertThat(err.toString()).contains("error: no backup named 'nope' at ");
        assertThat(run("delete", "../etc", "--storage", uri, "--yes")).as("a bad name is a usage error").isEqualTo(2);
        assertThat(run("delete", "b1", "--storage", uri, "--yes")).isZero();
        assertThat(run("delete", "b1", "--storage", uri, "--yes")).isEqualTo(1);
    }

    @Test
    void listingOrDeletingInADirectoryThatDoesNotExistExitsOneAndCreatesNothing() {
        Path missing = dir.resolve("mistyped");

        assertThat(run("list", "--storage", missing.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("error: storage directory " + missing + " does not exist");
        assertThat(run("delete", "b1", "--storage", missing.toUri().toString())).isEqualTo(1);
        assertThat(missing).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void whileABackupIsWrittenTheSameNameIsRefusedAndDeleteExitsOne(TestStore store) throws Exception {
        String uri = location(store);
        try (BackupStorage storage = store.open(uri, S3);
             KubernetesClient client = KubeClients.create(cluster.config())) {
            GatedStorage gated = new GatedStorage(storage, key -> key.contains("/resources/"));
            Future<BackupResult> running = background.submit(() -> new BackupRunner(client, BackupFixture.fastCaller(), gated,
                    Optional.empty(), m -> {}, Clock.systemUTC()).run(BackupSpec.builder().name("b1")
                    .includeNamespaces(List.of("shop")).build(), null));
            gated.awaitReached();

            assertThat(backup(uri, "b1")).isEqualTo(1);
            assertThat(err.toString()).contains("error: backup 'b1' at ").contains(" is being written: backup by ");
            assertThat(run("delete", "b1", "--storage", uri, "--yes")).isEqualTo(1);
            assertThat(err.toString()).contains("is being written").contains("not deleted");
            assertThat(run("list", "--storage", uri)).isZero();
            assertThat(out.toString()).containsPattern("b1 +- +InProgress .* being written: backup by ");

            gated.open();
            assertThat(running.get(2, TimeUnit.MINUTES).status()).isEqualTo(BackupStatus.Completed);
        }
        assertThat(backup(uri, "b1")).as("a complete backup's name").isEqualTo(1);
        assertThat(err.toString()).contains("error: a backup named 'b1' already exists at ");
        assertThat(run("list", "--storage", uri)).isZero();
        assertThat(out.toString()).containsPattern("b1 +\\d{4}-.* Completed ");
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void whatAKilledRunLeftIsListedAndDeleted(TestStore store) throws Exception {
        String uri = location(store);
        try (BackupStorage storage = store.open(uri, S3)) {
            StorageWriter killed = KilledRun.leave(storage, BackupKind.KUBERNETES, "died", Instant.now().minus(Duration.ofHours(1)),
                    "backups/died/resources/configmaps.tar.zst", "backups/died/objects.jsonl.zst");
            try {
                assertThat(run("list", "--storage", uri)).isZero();
                assertThat(out.toString()).containsPattern("died +- +Incomplete .*stale lease \\(being written\\): backup by "
                        + java.util.regex.Pattern.quote(KilledRun.HOLDER));

                assertThat(run("delete", "died", "--storage", uri, "--yes")).as(err.toString()).isZero();
                assertThat(storage.list("")).isEmpty();
                assertThat(storage.listUnfinished("")).isEmpty();
            } finally {
                killed.abort();
            }
            // killed during its first write: nothing but an unfinished write (a temporary file, a multipart upload)
            StorageWriter first = storage.create("backups/early/objects.jsonl.zst");
            try {
                first.write(new byte[20 << 20]);
                first.flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (storage.listUnfinished("backups/").isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(run("list", "--storage", uri)).isZero();
                assertThat(out.toString()).containsPattern("early +- +Incomplete ");
                assertThat(run("delete", "early", "--storage", uri, "--yes")).as(err.toString()).isZero();
                assertThat(storage.listUnfinished("")).isEmpty();
                assertThat(run("list", "--storage", uri)).isZero();
                assertThat(out.toString()).contains("0 backups at");
            } finally {
                first.abort();
            }
        }
    }

    @Test
    void aTtlExpiresOnlyItsOwnBackupKeepLastCountsOnlyItsSeriesAndListShowsTheExpiry() throws Exception {
        String uri = location(TestStore.DIRECTORY);
        assertThat(backup(uri, "other", "--label", "job=other")).isZero();
        assertThat(backup(uri, "b-1", "--label", "job=b")).isZero();
        assertThat(backup(uri, "mine-1", "--label", "job=mine", "--ttl", "1s")).isZero();
        Thread.sleep(1_500);

        assertThat(backup(uri, "mine-2", "--label", "job=mine", "--ttl", "1s")).isZero();
        assertThat(run("list", "--storage", uri)).isZero();
        assertThat(out.toString()).contains("other").contains("b-1").doesNotContain("mine-1")
                .containsPattern("mine-2 .* Completed .*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ")
                .containsPattern("other .* Completed .* never");

        assertThat(backup(uri, "b-2", "--label", "job=b", "--keep-last", "1")).isZero();
        assertThat(run("list", "--storage", uri, "-o", "json")).isZero();
        assertThat(out.toString()).doesNotContain("\"b-1\"").contains("\"other\"").contains("\"expiresAt\"")
                .contains("\"series\"");
        assertThat(Files.exists(dir.resolve("store/backups/other/manifest.json"))).isTrue();
    }

    @Test
    void listShowsNoneSecretsWithTheKeysFingerprintAndAPassphraseAndNoKeyMaterial() throws Exception {
        String storage = location(TestStore.DIRECTORY);
        Path keyFile = Files.writeString(dir.resolve("key.hex"), LIST_KEY_HEX);
        Path passphraseFile = Files.writeString(dir.resolve("passphrase.txt"), LIST_PASSPHRASE + "\n");
        assertThat(backup(storage, "plain")).isZero();
        assertThat(backup(storage, "keyed", "--encryption-key-file", keyFile.toString())).as(err.toString()).isZero();
        assertThat(backup(storage, "phrase", "--encrypt", "all", "--encryption-passphrase-file", passphraseFile.toString()))
                .as(err.toString()).isZero();
        String fingerprint = EncryptionKey.fromFile(keyFile).fingerprint();

        assertThat(run("list", "--storage", storage)).isZero();
        String table = out.toString();
        assertThat(table.lines().findFirst().orElseThrow()).containsPattern("KIND +ENCRYPTION +LABELS");
        assertThat(table).containsPattern("(?m)^plain .* kubernetes +none +")
                .containsPattern("(?m)^keyed .* kubernetes +secrets key " + fingerprint.substring(0, 8) + " +")
                .containsPattern("(?m)^phrase .* kubernetes +all \\(passphrase\\) +");
        assertThat(table).doesNotContain(fingerprint).doesNotContain(LIST_KEY_HEX).doesNotContain(LIST_PASSPHRASE);

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
        assertThat(json).doesNotContain(LIST_KEY_HEX).doesNotContain(LIST_PASSPHRASE).doesNotContain("salt");

        assertThat(run("list", "--storage", storage, "-o", "yaml")).isZero();
        assertThat(out.toString()).contains("keySource: \"passphrase\"").doesNotContain(LIST_PASSPHRASE);
    }

    @Test
    void jenkinsHomeBackupsShowWhetherTheirArchiveIsEncrypted() throws Exception {
        String storage = location(TestStore.DIRECTORY);
        Path keyFile = Files.writeString(dir.resolve("key.hex"), LIST_KEY_HEX);
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
                .doesNotContain(LIST_KEY_HEX);
    }
}
