package io.jenkins.plugins.k8sbackup.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.Client;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.etcd.KeptFileAction.Action;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kit with plain connections: the round trip of {@link RecoveryKitScenario}, every refusal (each with a clear
 * message and nothing written), the preview, and the print-plan commands run as a human would run them.
 */
class EtcdRecoveryKitTest extends RecoveryKitScenario {
    @Override
    String scheme() {
        return "http";
    }

    @Override
    List<String> serverArgs() {
        return List.of();
    }

    @Override
    EtcdTls clientTls() {
        return null;
    }

    @Test
    void aDamagedSnapshotIsRefusedBeforeAnythingIsWritten() throws Exception {
        LocalDirectoryStorage copy = copyOfStore("damaged");
        flipByte(copy.root().resolve("etcd/kit/snapshot.db.enc"));
        Path target = work.resolve("refused-damaged");

        assertThatThrownBy(() -> EtcdRestorer.restore(copy, EtcdRestoreOptions.member("kit", "m1", target.resolve("data"))
                .withKey(KEY).withKeptFilesTo(target.resolve("pki"), target.resolve("files"))))
                .isInstanceOf(EtcdSnapshotException.class)
                .hasMessageContaining("failed verification").hasMessageContaining("nothing was written");
        assertThat(target).doesNotExist();
    }

    @Test
    void aDamagedKeptFileIsRefusedBeforeTheDataDirIsWritten() throws Exception {
        LocalDirectoryStorage copy = copyOfStore("damaged-file");
        flipByte(copy.root().resolve("etcd/kit/pki/etcd/ca.key.enc"));
        Path target = work.resolve("refused-damaged-file");

        assertThatThrownBy(() -> EtcdRestorer.restore(copy, EtcdRestoreOptions.member("kit", "m1", target.resolve("data"))
                .withKey(KEY).withKeptFilesTo(target.resolve("pki"), null)))
                .isInstanceOf(EtcdSnapshotException.class)
                .hasMessageContaining("etcd/ca.key: stored object etcd/kit/pki/etcd/ca.key.enc does not match")
                .hasMessageContaining("nothing was written");
        assertThat(target).doesNotExist();
    }

    @Test
    void aWrongOrMissingKeyIsRefused() {
        Path target = work.resolve("refused-key");
        EncryptionKey other = EncryptionKey.fromPassphrase("not the kit's passphrase at all");

        assertThatThrownBy(() -> EtcdRestorer.restore(storage, EtcdRestoreOptions.member("kit", "m1", target.resolve("data"))
                .withKey(other).withKeptFilesTo(target.resolve("pki"), null)))
                .isInstanceOf(EtcdSnapshotException.class)
                .hasMessageContaining("wrong encryption key").hasMessageContaining(KEY.fingerprint());
        assertThatThrownBy(() -> EtcdRestorer.restore(storage, EtcdRestoreOptions.filesOnly("kit", target.resolve("pki"), null)))
                .isInstanceOf(EtcdSnapshotException.class).hasMessageContaining("is encrypted");
        assertThat(target).doesNotExist();
    }

    @Test
    void aNonEmptyDataDirIsRefusedAndLeftAsItWas() throws Exception {
        Path dataDir = work.resolve("busy/m1");
        Files.createDirectories(dataDir.resolve("member/wal"));
        Files.writeString(dataDir.resolve("member/wal/0000000000000000-0000000000000000.wal"), "a running member's log");
        Path pkiTo = work.resolve("busy-pki");

        assertThatThrownBy(() -> EtcdRestorer.restore(storage, EtcdRestoreOptions.member("kit", "m1", dataDir).withKey(KEY)
                .withKeptFilesTo(pkiTo, null)))
                .isInstanceOf(EtcdSnapshotException.class)
                .hasMessageContaining("--data-dir " + dataDir + " is not empty (it holds member)")
                .hasMessageContaining("never touches an existing member's data").hasMessageContaining("nothing was written");
        assertThat(dataDir.resolve("member/wal/0000000000000000-0000000000000000.wal")).hasContent("a running member's log");
        try (Stream<Path> left = Files.list(work.resolve("busy"))) {
            assertThat(left).containsExactly(dataDir);
        }
        assertThat(pkiTo).doesNotExist();
    }

    @Test
    void aMemberNotInTheManifestIsRefused() {
        Path target = work.resolve("refused-member");

        assertThatThrownBy(() -> EtcdRestorer.restore(storage, EtcdRestoreOptions.member("kit", "m9", target.resolve("data"))
                .withKey(KEY).withKeptFilesTo(target.resolve("pki"), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("member 'm9' is not in the member list recorded with snapshot 'kit' (m1, m2, m3)")
                .hasMessageContaining("Nothing was written");
        assertThat(target).doesNotExist();
    }

    @Test
    void aNewTopologyComesFromInitialCluster() throws Exception {
        Path dataDir = work.resolve("moved/n1");
        EtcdRestoreResult r = EtcdRestorer.restore(storage, EtcdRestoreOptions.member("kit", "n1", dataDir).withKey(KEY)
                .withTopology("n1=https://10.0.0.21:2380,n2=https://10.0.0.22:2380", "fresh-token", null).asPreview());

        assertThat(r.status()).isEqualTo(BackupStatus.Completed);
        assertThat(r.member().command()).contains("--name n1", "--initial-cluster n1=https://10.0.0.21:2380,n2=https://10.0.0.22:2380",
                "--initial-cluster-token fresh-token", "--initial-advertise-peer-urls https://10.0.0.21:2380");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void previewShowsEveryFileAndItsModeAndWritesNothing() throws Exception {
        Path target = work.resolve("preview");
        EtcdRestoreOptions options = EtcdRestoreOptions.member("kit", "m2", target.resolve("data")).withKey(KEY)
                .withKeptFilesTo(target.resolve("pki"), target.resolve("files")).asPreview();

        EtcdRestoreResult clean = EtcdRestorer.restore(storage, options);
        assertThat(clean.preview()).isTrue();
        assertThat(clean.status()).isEqualTo(BackupStatus.Completed);
        assertThat(clean.member().command()).startsWith("ETCDCTL_API=3 etcdctl snapshot restore SNAPSHOT --name m2");
        assertThat(clean.files()).hasSize(kit.keptFiles().size()).allMatch(a -> a.action() == Action.CREATE);
        assertThat(clean.files()).filteredOn(a -> a.path().equals("etcd/ca.key")).singleElement()
                .satisfies(a -> assertThat(a.mode()).isEqualTo("0600"));
        assertThat(target).doesNotExist();

        // an identical file is left alone, another one is a conflict: the preview says so, the restore refuses
        Files.createDirectories(target.resolve("pki/etcd"));
        Files.copy(pkiDir.resolve("ca.crt"), target.resolve("pki/ca.crt"));
        Files.writeString(target.resolve("pki/etcd/ca.crt"), "a renewed CA");
        EtcdRestoreResult conflicted = EtcdRestorer.restore(storage, options);
        assertThat(conflicted.status()).isEqualTo(BackupStatus.Failed);
        assertThat(conflicted.files()).filteredOn(a -> a.path().equals("ca.crt")).singleElement()
                .satisfies(a -> assertThat(a.action()).isEqualTo(Action.UNCHANGED));
        assertThat(conflicted.files()).filteredOn(a -> a.path().equals("etcd/ca.crt")).singleElement()
                .satisfies(a -> assertThat(a.action()).isEqualTo(Action.CONFLICT));
        assertThat(conflicted.problems()).singleElement().asString().contains("etcd/ca.crt").contains("never overwritten");

        assertThatThrownBy(() -> EtcdRestorer.restore(storage, new EtcdRestoreOptions("kit", KEY, "m2", target.resolve("data"),
                null, null, null, target.resolve("pki"), null, false)))
                .hasMessageContaining("CONFLICT").hasMessageContaining("nothing was written");
        assertThat(target.resolve("data")).doesNotExist();
        assertThat(target.resolve("pki/etcd/ca.crt")).hasContent("a renewed CA");
        try (Stream<Path> files = Files.walk(target.resolve("pki"))) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(2);
        }
    }

    @Test
    void printPlanCommandsRestoreAWorkingClusterWhenRunByHand() throws Exception {
        EtcdRestorePlan plan = EtcdRestorePlan.of(storage, "kit", null, null, "etcd-restored");
        assertThat(plan.program()).isEqualTo("etcdctl");
        assertThat(plan.members()).extracting(EtcdRestorePlan.MemberCommand::member).containsExactly("m1", "m2", "m3");
        assertThat(plan.snapshotRevision()).isEqualTo(kit.snapshotRevision());
        assertThat(plan.files()).hasSize(kit.keptFiles().size());

        // Each "node" gets the verified snapshot as etcd-verify --snapshot-to writes it, then runs its printed command.
        List<Path> dataDirs = new java.util.ArrayList<>();
        for (EtcdRestorePlan.MemberCommand m : plan.members()) {
            Path node = Files.createDirectories(work.resolve("by-hand").resolve(m.member()));
            EtcdSnapshotVerifier.fetch(storage, "kit", Optional.of(KEY), node.resolve(plan.snapshotFile()), false);
            Process p = new ProcessBuilder("sh", "-c", m.command()).directory(node.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            dataDirs.add(node.resolve("etcd-restored"));
        }
        try (EtcdClusterFixture byHand = EtcdClusterFixture.start(members, dataDirs, "by-hand", serverArgs(), clientTls());
             Client c = byHand.client()) {
            assertThat(EtcdServerFixture.readPrefix(c, "/registry/before/")).isEqualTo(before);
            assertThat(EtcdServerFixture.readPrefix(c, "/registry/after/")).isEmpty();
        }
    }

    private LocalDirectoryStorage copyOfStore(String name) throws IOException {
        Path copy = work.resolve("store-" + name);
        try (Stream<Path> files = Files.walk(storage.root())) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(storage.root().relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return new LocalDirectoryStorage(copy);
    }

    private static void flipByte(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        data[data.length / 2] ^= 0x01;
        Files.write(file, data);
    }
}
