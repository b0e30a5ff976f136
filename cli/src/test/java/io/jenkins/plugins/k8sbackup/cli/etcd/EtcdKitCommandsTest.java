package io.jenkins.plugins.k8sbackup.cli.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.jenkins.plugins.k8sbackup.cli.CliRun;
import io.jenkins.plugins.k8sbackup.etcd.LocalEtcd;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd-snapshot with a kit and etcd-restore through the command line, against a real single-member etcd (skipped
 * when /usr/bin/etcd is not installed): what they print and their exit codes for success, refusals and usage errors.
 */
class EtcdKitCommandsTest {
    static final Path ETCD = Path.of("/usr/bin/etcd");
    static LocalEtcd etcd;
    static Path dir;
    static Path pki;
    static Path config;
    static Path keyFile;
    static String store;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void startEtcdAndLayOutAControlPlane(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(ETCD), "etcd is not installed (apt-get install etcd-server etcd-client)");
        dir = tmp;
        etcd = LocalEtcd.start(ETCD, dir.resolve("data"), "cp1", LocalEtcd.Ports.free(), "http", List.of(), Duration.ofSeconds(20));
        try (Client c = Client.builder().endpoints(etcd.clientUrl()).build()) {
            for (int i = 0; i < 20; i++) {
                c.getKVClient().put(bytes("/registry/cli/key-" + i), bytes("v" + i)).get(10, TimeUnit.SECONDS);
            }
        }
        pki = Files.createDirectories(dir.resolve("etc/kubernetes/pki/etcd")).getParent();
        Files.writeString(pki.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Files.writeString(pki.resolve("etcd/peer.key"), "-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(pki.resolve("etcd/peer.key"), PosixFilePermissions.fromString("rw-------"));
        config = Files.writeString(dir.resolve("etc/kubernetes/kubeadm-config.yaml"), "kind: ClusterConfiguration\n");
        keyFile = Files.writeString(dir.resolve("backup.key"), "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        store = dir.resolve("store").toString();
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    private int run(String... args) {
        return CliRun.execute(out, err, args);
    }

    private int snapshot(String name, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("etcd-snapshot", "--endpoints", etcd.clientUrl().toString(),
                "--storage", store, "--name", name, "--include-pki", pki.toString(), "--include-file", config.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void aKitWithSecretsNeedsAKeyAndIsThenRestoredMemberAndFiles() throws Exception {
        assertThat(snapshot("plain")).isEqualTo(2);
        assertThat(err.toString()).contains("refusing to keep 1 secret file(s) without an encryption key: "
                + pki.resolve("etcd/peer.key") + " (private key (*.key))").contains("Nothing was stored");
        assertThat(dir.resolve("store/etcd/plain")).doesNotExist();

        assertThat(snapshot("kit", "--encryption-key-file", keyFile.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("etcd snapshot kit stored")
                .contains("kept 3 file(s): 2 from PKI directory " + pki + ", 1 single; 1 secret(s); all encrypted");

        assertThat(run("etcd-restore", "kit", "--storage", store, "--print-plan", "--encryption-key-file", keyFile.toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("k8s-backup etcd-verify kit --storage " + store + " --snapshot-to kit.db --encryption-key-file " + keyFile)
                .contains("ETCDCTL_API=3 etcdctl snapshot restore kit.db --name cp1 --data-dir /var/lib/etcd-restored"
                        + " --initial-cluster cp1=http://127.0.0.1:")
                .contains("--pki-to " + pki + " --files-to /");

        Path dataDir = dir.resolve("restored/cp1");
        Path pkiTo = dir.resolve("restored/pki");
        Path filesTo = dir.resolve("restored/root");
        String[] restore = {"etcd-restore", "kit", "--storage", store, "--member", "cp1", "--data-dir", dataDir.toString(),
                "--pki-to", pkiTo.toString(), "--files-to", filesTo.toString(), "--encryption-key-file", keyFile.toString()};
        String[] preview = java.util.stream.Stream.concat(List.of(restore).stream(), java.util.stream.Stream.of("--preview"))
                .toArray(String[]::new);
        assertThat(run(preview)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("etcd-restore kit (preview, nothing written): Completed")
                .contains("member cp1 would be restored into " + dataDir + " with /usr/bin/etcdctl 3.")
                .contains("CREATE    " + pkiTo.resolve("etcd/peer.key") + " (0600, secret)");
        assertThat(dir.resolve("restored")).doesNotExist();

        assertThat(run(restore)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("etcd-restore kit: Completed").contains("member cp1 restored into " + dataDir)
                .contains("equivalent command: ETCDCTL_API=3 etcdctl snapshot restore SNAPSHOT --name cp1");
        assertThat(dataDir.resolve("member/snap/db")).isRegularFile();
        assertThat(pkiTo.resolve("etcd/peer.key")).hasSameBinaryContentAs(pki.resolve("etcd/peer.key"));
        assertThat(Files.getPosixFilePermissions(pkiTo.resolve("etcd/peer.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(filesTo.resolve(config.toString().substring(1))).hasSameBinaryContentAs(config);

        // the same again: the data directory is no longer empty, nothing is touched
        assertThat(run(restore)).isEqualTo(1);
        assertThat(err.toString()).contains("etcd-restore failed: refusing to restore etcd snapshot 'kit', nothing was written")
                .contains("is not empty");
    }

    @Test
    void refusalsAndUsageErrorsHaveTheirExitCodes() throws Exception {
        assertThat(snapshot("kit2", "--encryption-key-file", keyFile.toString())).as(err.toString()).isZero();
        Path dataDir = dir.resolve("refused/cp1");

        assertThat(run("etcd-restore", "kit2", "--storage", store, "--member", "cp9", "--data-dir", dataDir.toString(),
                "--encryption-key-file", keyFile.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("member 'cp9' is not in the member list recorded with snapshot 'kit2' (cp1)");

        assertThat(run("etcd-restore", "kit2", "--storage", store, "--member", "cp1", "--data-dir", dataDir.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("is encrypted");

        assertThat(run("etcd-restore", "kit2", "--storage", store, "--member", "cp1")).isEqualTo(2);
        assertThat(err.toString()).contains("--member and --data-dir go together");
        assertThat(run("etcd-restore", "kit2", "--storage", store, "--print-plan", "--member", "cp1")).isEqualTo(2);
        assertThat(run("etcd-restore", "nope", "--storage", store, "--pki-to", dataDir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no backup named 'nope'");
        assertThat(dir.resolve("refused")).doesNotExist();
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
