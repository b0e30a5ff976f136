package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupLease;
import io.jenkins.plugins.k8sbackup.catalog.BackupLocks;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** delete -l: a preview of what matches, a question, refusals of backups in use reported and counted in the exit code. */
class DeleteBySelectorCliTest {
    @RegisterExtension
    static final ShopCluster SHOP = new ShopCluster(false);
    @TempDir
    Path dir;
    String storage;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final InputStream stdin = System.in;

    @BeforeEach
    void threeBackups() {
        storage = dir.resolve("store").toString();
        backup("d1", "job=deploy");
        backup("d2", "job=deploy");
        backup("o1", "job=other");
    }

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
        System.clearProperty("k8sbackup.assumeTerminal");
    }

    private void backup(String name, String label) {
        assertThat(run("backup", "--kubeconfig", SHOP.kubeconfig().toString(), "--storage", storage, "-n", "shop", "--name", name,
                "--include-resources", "configmaps", "--label", label)).isZero();
    }

    private int run(String... args) {
        return CliRun.execute(out, err, args);
    }

    private String listed() {
        assertThat(run("list", "--storage", storage)).isZero();
        return out.toString();
    }

    @Test
    void dryRunPreviewsTheMatchesAndDeletesNothing() {
        assertThat(run("delete", "-l", "job=deploy", "--storage", storage, "--dry-run")).isZero();
        assertThat(out.toString()).contains("d1").contains("d2").doesNotContain("o1")
                .contains("dry run: 2 kubernetes backups would be deleted, nothing was");
        assertThat(listed()).contains("d1").contains("d2").contains("o1");
    }

    @Test
    void withoutATerminalItShowsThePreviewAndAsksForYes() {
        assertThat(run("delete", "-l", "job=deploy", "--storage", storage)).isEqualTo(Main.USAGE);
        assertThat(out.toString()).contains("d1").contains("d2");
        assertThat(err.toString()).contains("give --yes to confirm");
        assertThat(listed()).contains("d1").contains("d2");
    }

    @Test
    void theAnswerDecides() {
        System.setProperty("k8sbackup.assumeTerminal", "true");
        System.setIn(new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(run("delete", "-l", "job=deploy", "--storage", storage)).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("delete 2 kubernetes backups at ").contains("not deleted");
        assertThat(listed()).contains("d1").contains("d2");

        System.setIn(new ByteArrayInputStream("y\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(run("delete", "-l", "job=deploy", "--storage", storage)).isZero();
        assertThat(out.toString()).contains("deleted d1").contains("deleted d2");
        assertThat(listed()).doesNotContain("d1").doesNotContain("d2").contains("o1");
    }

    @Test
    void aBackupInUseIsRefusedAndReportedAndTheExitCodeSaysSo() throws Exception {
        try (LocalDirectoryStorage s = LocalDirectoryStorage.existing(Path.of(storage));
             BackupLease reading = new BackupLocks(s, BackupKind.KUBERNETES).read("d2", "restore")) {
            assertThat(run("delete", "-l", "job=deploy", "--storage", storage, "--dry-run")).isZero();
            assertThat(out.toString()).containsPattern("d2 .*yes, will be refused: being read");
            assertThat(run("list", "--storage", storage, "--verbose")).isZero();
            assertThat(out.toString()).as("--verbose lists every lease").contains("    lease being read: ");
            assertThat(run("list", "--storage", storage)).isZero();
            assertThat(out.toString()).doesNotContain("    lease ");

            assertThat(run("delete", "-l", "job=deploy", "--storage", storage, "--yes")).isEqualTo(Main.PARTIAL);
            assertThat(out.toString()).contains("deleted d1").doesNotContain("deleted d2");
            assertThat(err.toString()).contains("NOT DELETED: backup 'd2' at ").contains("is being read")
                    .contains("1 of 2 kubernetes backups not deleted");

            assertThat(run("delete", "-l", "job=deploy", "--storage", storage, "--yes")).as("nothing deleted").isEqualTo(Main.FAILED);
            assertThat(err.toString()).contains("1 of 1 kubernetes backups not deleted");
        }
        assertThat(listed()).doesNotContain("d1").contains("d2").contains("o1");
    }

    @Test
    void namesOrASelectorAndANoMatchIsNoError() {
        assertThat(run("delete", "d1", "-l", "job=deploy", "--storage", storage, "--yes")).isEqualTo(Main.USAGE);
        assertThat(run("delete", "--storage", storage, "--yes")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("give backup names or -l SELECTOR");
        assertThat(run("delete", "-l", "job=none", "--storage", storage, "--yes")).isZero();
        assertThat(out.toString()).contains("match job=none: nothing to delete");
        assertThat(run("delete", "-l", "job=other", "--storage", storage, "--yes", "--quiet")).isZero();
        assertThat(out.toString()).as("--quiet with --yes: the result only, no preview").isEqualTo("deleted o1" + System.lineSeparator());
        assertThat(run("delete", "d1", "--storage", storage, "--yes", "--verbose")).isZero();
        assertThat(err.toString()).contains("  d1: Completed, ").contains("labels job=deploy");
    }
}
