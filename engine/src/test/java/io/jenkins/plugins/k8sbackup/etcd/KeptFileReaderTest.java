package io.jenkins.plugins.k8sbackup.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a kit may keep, read before etcd is contacted: every refusal comes first and stores nothing. */
class KeptFileReaderTest {
    @TempDir
    Path dir;
    Path pki;

    @BeforeEach
    void kubeadmLikePki() throws Exception {
        pki = Files.createDirectories(dir.resolve("pki/etcd")).getParent();
        Files.writeString(pki.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Files.writeString(pki.resolve("etcd/ca.key"), "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(pki.resolve("etcd/ca.key"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(pki.resolve("ca.crt"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void readsEveryRegularFileWithItsModeAndMarksSecrets() throws Exception {
        Path config = Files.writeString(dir.resolve("kubeadm.yaml"), "kind: ClusterConfiguration\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));

        List<KeptFileReader.Read> reads = KeptFileReader.read(pki, List.of(config, dir.resolve("./kubeadm.yaml")), true);

        assertThat(reads).extracting(KeptFileReader.Read::set, KeptFileReader.Read::path, KeptFileReader.Read::mode)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("pki", "ca.crt", 0644),
                        org.assertj.core.groups.Tuple.tuple("pki", "etcd/ca.key", 0600),
                        org.assertj.core.groups.Tuple.tuple("file", config.toAbsolutePath().toString(), 0640));
        assertThat(reads).filteredOn(r -> r.path().equals("etcd/ca.key")).singleElement()
                .satisfies(r -> assertThat(r.secret()).isEqualTo("private key (*.key)"));
    }

    @Test
    void secretsWithoutAKeyAreRefusedBeforeEtcdIsContactedAndNothingIsStored() throws Exception {
        int closedPort = LocalEtcd.Ports.free().client();
        LocalDirectoryStorage storage = new LocalDirectoryStorage(dir.resolve("store"));
        Path encryption = Files.writeString(dir.resolve("enc.yaml"), "kind: EncryptionConfiguration\n");

        assertThatThrownBy(() -> EtcdSnapshotter.snapshot(EtcdConnection.of("http://127.0.0.1:" + closedPort),
                EtcdSnapshotOptions.named("k1").withKeptFiles(pki, List.of(encryption)), storage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to keep 2 secret file(s) without an encryption key")
                .hasMessageContaining(pki.resolve("etcd/ca.key") + " (private key (*.key))")
                .hasMessageContaining(encryption + " (encryption-at-rest configuration")
                .hasMessageContaining("Nothing was stored");
        assertThat(storage.list("")).isEmpty();

        // without secrets, no key is needed
        assertThat(KeptFileReader.read(null, List.of(pki.resolve("ca.crt")), false)).hasSize(1);
    }

    @Test
    void linksMissingFilesAndEmptyDirectoriesAreRefused() throws Exception {
        Files.createSymbolicLink(pki.resolve("apiserver.crt"), pki.resolve("ca.crt"));
        assertThatThrownBy(() -> KeptFileReader.read(pki, List.of(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to keep " + pki.resolve("apiserver.crt") + ": it is a symbolic link");
        Files.delete(pki.resolve("apiserver.crt"));

        Path link = Files.createSymbolicLink(dir.resolve("admin.conf"), pki.resolve("ca.crt"));
        assertThatThrownBy(() -> KeptFileReader.read(null, List.of(link), true)).hasMessageContaining("is a symbolic link");
        assertThatThrownBy(() -> KeptFileReader.read(null, List.of(dir.resolve("missing.yaml")), true))
                .hasMessageContaining(dir.resolve("missing.yaml") + " does not exist");
        assertThatThrownBy(() -> KeptFileReader.read(pki.resolve("ca.crt"), List.of(), true))
                .hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> KeptFileReader.read(Files.createDirectories(dir.resolve("empty")), List.of(), true))
                .hasMessageContaining("holds no files");
        assertThatThrownBy(() -> KeptFileReader.read(null, List.of(pki), true)).hasMessageContaining("not a regular file");
    }

    @Test
    void aPkiDirectoryThatIsItselfALinkIsReadThroughIt() throws Exception {
        Path mounted = Files.createSymbolicLink(dir.resolve("pki-link"), pki);
        assertThat(KeptFileReader.read(mounted, List.of(), true)).extracting(KeptFileReader.Read::path)
                .containsExactlyInAnyOrder("ca.crt", "etcd/ca.key");
        assertThat(KeptFileReader.normalise(mounted)).isEqualTo(mounted); // the manifest records the path as given
    }
}
