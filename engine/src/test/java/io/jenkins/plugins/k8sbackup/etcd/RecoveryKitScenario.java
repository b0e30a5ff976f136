package io.jenkins.plugins.k8sbackup.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkinshome.FileStat;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery kit end to end against a real 3-member etcd: keys written, a kit taken (snapshot, the PKI
 * directory, a kubeadm config and an encryption-at-rest config), more keys written, the cluster stopped; then
 * every member restored from the kit into a new data directory and the cluster started again. Subclasses choose
 * plain or TLS connections (between members, and from clients).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RecoveryKitScenario {
    static final EncryptionKey KEY = EncryptionKey.fromPassphrase("recovery kit test passphrase");
    static final String KUBEADM_CONFIG = """
            apiVersion: kubeadm.k8s.io/v1beta3
            kind: ClusterConfiguration
            kubernetesVersion: v1.30.2
            etcd:
              local:
                dataDir: /var/lib/etcd
            """;
    static final String ENCRYPTION_CONFIG = """
            apiVersion: apiserver.config.k8s.io/v1
            kind: EncryptionConfiguration
            resources:
              - resources: [secrets]
                providers:
                  - aescbc:
                      keys:
                        - name: key1
                          secret: c2VjcmV0IGlzIHNlY3VyZSwgb3IgaXMgaXQ/Cg==
                  - identity: {}
            """;

    Path work;
    TestPki pki;
    Path pkiDir;
    Path kubeadmConfig;
    Path encryptionConfig;
    List<LocalEtcd.Member> members;
    LocalDirectoryStorage storage;
    EtcdSnapshotManifest kit;
    Map<String, String> before;

    /** "http" or "https", for client and peer URLs alike. */
    abstract String scheme();

    /** The TLS flags every member gets (none for plain). */
    abstract List<String> serverArgs();

    /** The client TLS material (null for plain). */
    abstract EtcdTls clientTls() throws IOException;

    @BeforeAll
    void takeTheKit(@TempDir Path dir) throws Exception {
        EtcdServerFixture.assumeEtcdInstalled();
        work = dir;
        pkiDir = work.resolve("etc/kubernetes/pki");
        pki = TestPki.create(pkiDir.resolve("etcd"));
        Files.copy(pki.file("ca.crt"), pkiDir.resolve("ca.crt"));
        Files.copy(pki.file("server.key"), pkiDir.resolve("sa.key"));
        Files.writeString(pkiDir.resolve("sa.pub"), "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQ==\n-----END PUBLIC KEY-----\n");
        try (Stream<Path> files = Files.walk(pkiDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(f.toString().endsWith(".key") ? "rw-------" : "rw-r--r--"));
            }
        }
        Files.setPosixFilePermissions(pki.file("server.crt"), PosixFilePermissions.fromString("rw-r-----"));
        kubeadmConfig = Files.writeString(work.resolve("etc/kubernetes/kubeadm-config.yaml"), KUBEADM_CONFIG);
        encryptionConfig = Files.writeString(work.resolve("etc/kubernetes/encryption-config.yaml"), ENCRYPTION_CONFIG);
        Files.setPosixFilePermissions(encryptionConfig, PosixFilePermissions.fromString("rw-------"));

        members = EtcdClusterFixture.newMembers(3, "m", scheme(), scheme());
        storage = new LocalDirectoryStorage(work.resolve("store"));
        try (EtcdClusterFixture cluster = EtcdClusterFixture.start(members, dataDirs("data"), "kit-test", serverArgs(), clientTls());
             Client c = cluster.client()) {
            before = EtcdServerFixture.putKeys(c, "/registry/before/key-", 300, 100);
            kit = EtcdSnapshotter.snapshot(cluster.connection(), EtcdSnapshotOptions.named("kit").withEncryption(KEY)
                    .withKeptFiles(pkiDir, List.of(kubeadmConfig, encryptionConfig)), storage).manifest();
            EtcdServerFixture.putKeys(c, "/registry/after/key-", 50, 100);
        }
    }

    List<Path> dataDirs(String under) {
        return members.stream().map(m -> work.resolve(under).resolve(m.name())).toList();
    }

    @Test
    void theManifestRecordsMembersRevisionAndKeptFiles() throws IOException {
        assertThat(kit.members()).hasSize(3);
        for (LocalEtcd.Member m : members) {
            EtcdMember recorded = kit.members().stream().filter(r -> r.name().equals(m.name())).findFirst().orElseThrow();
            assertThat(recorded.peerUrls()).containsExactly(m.peerUrl());
            assertThat(recorded.clientUrls()).containsExactly(m.clientUrl().toString());
        }
        assertThat(kit.snapshotRevision()).isEqualTo(kit.revision()).isEqualTo(kit.revisionAtEnd()).isGreaterThan(300);
        assertThat(kit.pkiDir()).isEqualTo(pkiDir.toString());
        Map<String, KeptFile> byPath = kit.keptFiles().stream().collect(Collectors.toMap(KeptFile::path, f -> f));
        assertThat(byPath.keySet()).contains("ca.crt", "sa.key", "sa.pub", "etcd/ca.key", "etcd/peer.crt",
                kubeadmConfig.toString(), encryptionConfig.toString());
        KeptFile saKey = byPath.get("sa.key");
        assertThat(saKey.mode()).isEqualTo("0600");
        assertThat(saKey.size()).isEqualTo(Files.size(pkiDir.resolve("sa.key")));
        assertThat(saKey.sha256()).isEqualTo(io.jenkins.plugins.k8sbackup.util.Sha256.hex(Files.readAllBytes(pkiDir.resolve("sa.key"))));
        assertThat(saKey.secret()).contains("private key");
        assertThat(byPath.get("etcd/server.crt").mode()).isEqualTo("0640");
        assertThat(byPath.get(encryptionConfig.toString()).secret()).contains("EncryptionConfiguration");
        assertThat(byPath.get(kubeadmConfig.toString()).secret()).isNull();
        assertThat(kit.keptFiles()).allMatch(KeptFile::encrypted).allMatch(f -> f.object().endsWith(".enc"));
        // encrypted means no plain byte of a key in the store
        String pem = Files.readString(pkiDir.resolve("sa.key"));
        try (Stream<Path> stored = Files.walk(storage.root())) {
            for (Path f : stored.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(pem.substring(40, 100));
            }
        }
        assertThat(kit.objectCount()).isEqualTo(1 + kit.keptFiles().size());
    }

    @Test
    void rebuildsTheClusterFromTheKit() throws Exception {
        List<Path> restoredDirs = dataDirs("restored");
        Path pkiTo = work.resolve("restored-pki");
        Path filesTo = work.resolve("restored-files");
        String initialCluster = members.stream().map(LocalEtcd.Member::clusterEntry).collect(Collectors.joining(","));
        for (int i = 0; i < members.size(); i++) {
            EtcdRestoreOptions o = EtcdRestoreOptions.member("kit", members.get(i).name(), restoredDirs.get(i)).withKey(KEY);
            EtcdRestoreResult r = EtcdRestorer.restore(storage, i == 0 ? o.withKeptFilesTo(pkiTo, filesTo) : o);

            assertThat(r.status()).isEqualTo(BackupStatus.Completed);
            assertThat(r.member().tool()).matches(".*/etcd(ctl|utl)");
            assertThat(r.member().toolVersion()).startsWith("3.");
            assertThat(r.member().revision()).isEqualTo(kit.snapshotRevision());
            assertThat(r.member().plan().initialCluster()).isEqualTo(initialCluster);
            assertThat(r.member().plan().initialAdvertisePeerUrls()).isEqualTo(members.get(i).peerUrl());
            assertThat(r.member().plan().initialClusterToken()).isEqualTo("restore-kit");
            assertThat(restoredDirs.get(i).resolve("member/snap/db")).isRegularFile();
        }
        assertThat(work.resolve("restored")).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));

        try (EtcdClusterFixture restored = EtcdClusterFixture.start(members, restoredDirs, "ignored-on-restored-dirs",
                serverArgs(), clientTls()); Client c = restored.client()) {
            long revision = c.getKVClient().get(EtcdServerFixture.bytes("/"), GetOption.builder().withCountOnly(true).build())
                    .get(10, TimeUnit.SECONDS).getHeader().getRevision();
            assertThat(revision).isEqualTo(kit.snapshotRevision());
            assertThat(EtcdServerFixture.readPrefix(c, "/registry/before/")).isEqualTo(before);
            assertThat(EtcdServerFixture.readPrefix(c, "/registry/after/")).isEmpty();

            // quorum: three voting members that agree on one leader, and a write that commits
            assertThat(c.getClusterClient().listMember().get(10, TimeUnit.SECONDS).getMembers())
                    .extracting(io.etcd.jetcd.cluster.Member::getName).containsExactlyInAnyOrder("m1", "m2", "m3");
            long leader = -1;
            for (int i = 0; i < members.size(); i++) {
                URI url = members.get(i).clientUrl();
                try (Client one = restored.client(i)) {
                    long seen = one.getMaintenanceClient().statusMember(url.getHost() + ":" + url.getPort())
                            .get(10, TimeUnit.SECONDS).getLeader();
                    assertThat(seen).isNotZero();
                    assertThat(leader == -1 || leader == seen).as("member %d sees leader %x", i, seen).isTrue();
                    leader = seen;
                }
            }
            long written = c.getKVClient().put(EtcdServerFixture.bytes("/registry/after-restore"), EtcdServerFixture.bytes("ok"))
                    .get(10, TimeUnit.SECONDS).getHeader().getRevision();
            assertThat(written).isEqualTo(kit.snapshotRevision() + 1);
        }

        assertThat(tree(pkiTo)).isEqualTo(tree(pkiDir));
        for (Path f : List.of(kubeadmConfig, encryptionConfig)) {
            Path restoredFile = filesTo.resolve(f.toString().substring(1));
            assertThat(restoredFile).hasSameBinaryContentAs(f);
            assertThat(FileStat.of(restoredFile).mode()).isEqualTo(FileStat.of(f).mode());
        }
    }

    /** Every regular file below {@code root}: relative path to mode and SHA-256. */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(f).toString(), KeptFile.octal(FileStat.of(f).mode()) + " "
                        + io.jenkins.plugins.k8sbackup.util.Sha256.hex(Files.readAllBytes(f)));
            }
        }
        return out;
    }
}
