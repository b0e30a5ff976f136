package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testing.BackupDamage;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's word on damaged backups: refused by name before any write, exit codes that tell the truth. */
class IntegrityCliTest {
    @TempDir
    Path dir;
    MockCluster cluster;
    WorkloadSimulator controllers;
    Path kubeconfig;
    String storage;
    LocalDirectoryStorage store;
    BackupDamage damage;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
        controllers = new WorkloadSimulator(cluster.client());
        kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        storage = dir.resolve("store").toUri().toString();
        store = new LocalDirectoryStorage(dir.resolve("store"));
        damage = new BackupDamage(store);
    }

    @AfterEach
    void tearDown() {
        controllers.close();
        cluster.close();
    }

    private int run(String... args) {
        return CliRun.execute(out, err, args);
    }

    private void backupShop(String name, String... extra) {
        String[] args = {"backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "--name", name,
                "--include-namespaces", "shop,shop-data"};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        assertThat(run(all)).as(err.toString()).isEqualTo(0);
    }

    private void deleteTheShopConfigMapsAndServices() {
        for (String ns : SampleApp.NAMESPACES) {
            cluster.client().configMaps().inNamespace(ns).delete();
            cluster.client().services().inNamespace(ns).delete();
            cluster.client().apps().deployments().inNamespace(ns).delete();
        }
        cluster.clearWriteLog();
    }

    private java.util.List<String> realWrites() {
        return cluster.writeLog().stream().filter(w -> w.matches(".* -> 2\\d\\d") && !w.contains("/status ")).toList();
    }

    @Test
    void aDamagedBackupIsRefusedWithExitOneUnlessAPartialRestoreIsAllowed() throws Exception {
        backupShop("b1");
        damage.flipByte(BackupDamage.archive("b1", "configmaps"));
        deleteTheShopConfigMapsAndServices();
        Path report = dir.resolve("r.json");

        assertThat(run("restore", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "--report", report.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("ERROR: configmaps (backups/b1/resources/configmaps.tar.zst): SHA-256 mismatch")
                .contains("nothing restored").contains("--allow-partial");
        assertThat(out.toString()).contains("restore b1: Failed, created 0");
        assertThat(Files.readString(report)).contains("\"status\" : \"Failed\"").contains("configmaps.tar.zst");
        assertThat(realWrites()).isEmpty();

        assertThat(run("restore", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "--allow-partial")).isEqualTo(3);
        assertThat(err.toString()).contains("not restored, their archives being damaged: configmaps");
        assertThat(out.toString()).contains("restore b1: PartiallyFailed");
        assertThat(cluster.client().services().inNamespace("shop").withName("web").get()).isNotNull();
        assertThat(cluster.client().configMaps().inNamespace("shop").list().getItems()).isEmpty();
    }

    @Test
    void describeVerifyPassesAnIntactBackupAndListsEveryProblemOfADamagedOne() throws Exception {
        backupShop("b1");
        assertThat(run("describe", "b1", "--storage", storage, "--verify")).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("Integrity: intact (").contains("manifest not authenticated (no key given)");

        damage.flipByte(BackupDamage.archive("b1", "configmaps"));
        damage.delete(BackupDamage.archive("b1", "services"));
        assertThat(run("describe", "b1", "--storage", storage, "--verify")).isEqualTo(1);
        assertThat(out.toString()).contains("Integrity: DAMAGED")
                .contains("DAMAGED: configmaps (backups/b1/resources/configmaps.tar.zst): SHA-256 mismatch")
                .contains("DAMAGED: services (backups/b1/resources/services.tar.zst): missing");

        assertThat(run("describe", "b1", "--storage", storage, "--verify", "-o", "json")).isEqualTo(1);
        assertThat(out.toString()).contains("\"integrity\"").contains("\"kind\" : \"SHA256\"").contains("\"manifest\"");
        // without --verify, describe reads only the manifest and says what it says
        assertThat(run("describe", "b1", "--storage", storage)).isEqualTo(0);
    }

    @Test
    void withTheKeyDescribeVerifyAuthenticatesTheManifestAndRefusesAnEditedOne() throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        backupShop("enc", "--encryption-key-file", key.toString());

        assertThat(run("describe", "enc", "--storage", storage, "--verify", "--encryption-key-file", key.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("manifest authenticated (HMAC-SHA-256");

        damage.removeType("enc", "configmaps");
        assertThat(run("describe", "enc", "--storage", storage, "--verify", "--encryption-key-file", key.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("DAMAGED: (backups/enc/manifest.json): manifest: the manifest does not match its MAC");
        cluster.clearWriteLog();
        assertThat(run("restore", "enc", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--encryption-key-file", key.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("does not match its MAC");
        assertThat(realWrites()).isEmpty();
    }

    @Test
    void diffAndVerifyOfADamagedBackupExitOne() throws Exception {
        backupShop("b1");
        damage.truncate(BackupDamage.archive("b1", "configmaps"), 40);

        assertThat(run("diff", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage)).isEqualTo(1);
        assertThat(out.toString()).contains("configmaps (backups/b1/resources/configmaps.tar.zst): size mismatch");
        assertThat(run("verify", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "--timeout", "2s",
                "--include-resources", "configmaps")).isEqualTo(1);
        assertThat(out.toString()).contains("archive-damaged");
    }

    @Test
    void aSelectionThatMatchesNothingExitsOneNamingWhatTheBackupHolds() throws Exception {
        backupShop("b1");

        assertThat(run("restore", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--include-namespaces", "shpo")).isEqualTo(1);
        assertThat(err.toString()).contains("the selection matches no object of backup b1")
                .contains("2 namespaces (shop, shop-data)").contains("configmaps");
    }

    @Test
    void aSingleObjectRestoreWhoseObjectFailsExitsOne() throws Exception {
        backupShop("b1");

        assertThat(run("restore", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--object", "configmaps/shop/web-config", "--existing", "fail")).isEqualTo(1);
        assertThat(err.toString()).contains("configmaps shop/web-config: already exists");
        assertThat(run("restore", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--object", "configmaps/shop/nope")).isEqualTo(1);
        assertThat(err.toString()).contains("configmaps/shop/nope: not in backup b1");
    }
}
