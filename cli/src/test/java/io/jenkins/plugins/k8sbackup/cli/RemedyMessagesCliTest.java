package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Errors a setting fixes name the CLI flag that fixes them (the engine says it in neutral words). */
class RemedyMessagesCliTest {
    @RegisterExtension
    static final ShopCluster SHOP = new ShopCluster(false);
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CliRun.execute(out, err, args);
    }

    private Path keyFile(String name, int seed) throws Exception {
        byte[] raw = new byte[32];
        java.util.Arrays.fill(raw, (byte) seed);
        return Files.writeString(dir.resolve(name), HexFormat.of().formatHex(raw));
    }

    @Test
    void aMissingOrWrongKeyNamesTheKeyFlagAndTheFingerprint() throws Exception {
        String storage = dir.resolve("store").toString();
        Path key = keyFile("key.hex", 1);
        String fingerprint = EncryptionKey.fromFile(key).fingerprint();
        assertThat(run("backup", "--kubeconfig", SHOP.kubeconfig().toString(), "--storage", storage, "-n", "shop", "--name", "e1",
                "--encryption-key-file", key.toString())).isZero();

        assertThat(run("restore", "e1", "--kubeconfig", SHOP.kubeconfig().toString(), "--storage", storage, "--dry-run"))
                .isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("encrypted objects and no key was given: give --encryption-key-file (fingerprint "
                + fingerprint + ")");
        assertThat(run("restore", "e1", "--kubeconfig", SHOP.kubeconfig().toString(), "--storage", storage, "--dry-run",
                "--encryption-key-file", keyFile("other.hex", 2).toString())).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("give --encryption-key-file with the key of fingerprint " + fingerprint);
    }

    @Test
    void aTakenNameAMissingKubeconfigOrContextAndAMissingDirectoryNameTheirFlags() throws Exception {
        String storage = dir.resolve("store").toString();
        assertThat(run("backup", "--kubeconfig", SHOP.kubeconfig().toString(), "--storage", storage, "-n", "shop", "--name", "t1")).isZero();
        assertThat(run("backup", "--kubeconfig", SHOP.kubeconfig().toString(), "--storage", storage, "-n", "shop", "--name", "t1"))
                .isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("a backup named 't1' already exists at ")
                .contains(": give another --name, or delete that backup first (k8s-backup delete t1)");

        assertThat(run("backup", "--kubeconfig", dir.resolve("nope.yaml").toString(), "--storage", storage)).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("does not exist or is not a file: give --kubeconfig FILE");
        assertThat(run("backup", "--kubeconfig", SHOP.kubeconfig().toString(), "--context", "nope", "--storage", storage))
                .isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("the kubeconfig has no context named 'nope': give --context with one of");

        Path missing = dir.resolve("mistyped");
        assertThat(run("list", "--storage", missing.toString())).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("error: storage directory " + missing + " does not exist: create " + missing
                + " first, or fix --storage");
    }

    @Test
    void aLiveJenkinsHomeNamesSkipLiveCheck() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("config.xml"), "<hudson/>");
        String storage = dir.resolve("store").toString();
        assertThat(run("jenkins-backup", "--home", home.toString(), "--storage", storage, "--name", "h1")).isZero();
        Path target = Files.createDirectories(dir.resolve("live"));
        Files.writeString(target.resolve(".owner"), "1");

        assertThat(run("jenkins-restore", "h1", "--storage", storage, "--target", target.toString())).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("it looks like the home of a running Jenkins")
                .contains("use --skip-live-check if Jenkins is stopped");
        assertThat(run("jenkins-restore", "h1", "--storage", storage, "--target", target.toString(), "--skip-live-check"))
                .isZero();
    }
}
