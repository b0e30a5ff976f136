package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.AbortException;
import hudson.model.Result;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.jenkins.plugins.k8sbackup.etcd.LocalEtcd;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etcdSnapshot against a real Debian etcd on loopback (skipped when /usr/bin/etcd is not installed). */
@SuppressWarnings("unchecked")
class EtcdSnapshotStepTest {
    static final Path ETCD = Path.of("/usr/bin/etcd");
    static LocalEtcd etcd;

    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeAll
    static void startEtcd(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(ETCD), "etcd is not installed (apt-get install etcd-server etcd-client)");
        etcd = LocalEtcd.start(ETCD, dir.resolve("data"), "plugin-test", LocalEtcd.Ports.free(), "http", List.of(), Duration.ofSeconds(20));
        try (Client c = Client.builder().endpoints(etcd.clientUrl()).build()) {
            for (int i = 0; i < 50; i++) {
                c.getKVClient().put(bytes("/registry/test/key-" + i), bytes("value-" + i)).get(10, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "ops/etcd", 3);
    }

    EtcdSnapshotStep step(String endpoint) {
        EtcdSnapshotStep step = new EtcdSnapshotStep(List.of(endpoint));
        step.setStorage(new DirectoryLocation("snapshots"));
        return step;
    }

    @Test
    void snapshotsAndVerifiesIntoTheWorkspaceStorage() throws Exception {
        EtcdSnapshotStep step = step(etcd.clientUrl().toString());
        step.setName("etcd-nightly");
        step.setVerify(true);
        step.setLabels(Map.of("cluster", "prod"));

        Map<String, Object> r = (Map<String, Object>) h.run(step);

        assertThat(r).containsEntry("name", "etcd-nightly").containsEntry("kind", "etcd");
        assertThat(((Number) r.get("revision")).longValue()).isGreaterThanOrEqualTo(51);
        assertThat((String) r.get("sha256")).hasSize(64);
        assertThat((List<Object>) r.get("members")).hasSize(1);
        assertThat((Map<String, Object>) r.get("labels")).containsEntry("cluster", "prod").containsEntry("JOB_NAME", "ops/etcd");
        Map<String, Object> verify = (Map<String, Object>) r.get("verify");
        assertThat(verify).containsEntry("sha256Matches", true);
        if (LocalEtcd.findProgram("etcdctl").isPresent()) {
            assertThat(verify).containsEntry("trialRestore", "PASSED");
            assertThat(r).containsEntry("status", "Completed");
            assertThat(h.result()).isNull();
        }
        assertThat(h.workspaceDir.resolve("snapshots/etcd/etcd-nightly/manifest.json")).exists();
        assertThat(h.log()).contains("[etcdSnapshot] snapshotting etcd [" + etcd.clientUrl() + "]").contains("etcd snapshot etcd-nightly: ");
    }

    @Test
    void anEncryptedSnapshotHoldsNoPlainEtcdData() throws Exception {
        h.credentials(new TestCreds.Text("etcd-key", "a long passphrase for etcd snapshots"));
        EtcdSnapshotStep step = step(etcd.clientUrl().toString());
        step.setEncryptionCredentialsId("etcd-key");

        Map<String, Object> r = (Map<String, Object>) h.run(step);

        assertThat(r).containsEntry("encrypted", true).containsEntry("status", "Completed");
        try (Stream<Path> files = Files.walk(h.workspaceDir.resolve("snapshots"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain("/registry/test/key-");
            }
        }
    }

    @Test
    void aWrongEndpointFailsClearlyAndLeavesNoCompleteSnapshot() throws Exception {
        EtcdSnapshotStep step = step("http://127.0.0.1:" + LocalEtcd.Ports.free().client());
        step.setName("never");

        Throwable failure = h.runFailing(step);

        assertThat(failure).isInstanceOf(AbortException.class).hasMessageStartingWith("etcdSnapshot failed: ")
                .hasMessageContaining("cannot connect");
        assertThat(h.workspaceDir.resolve("snapshots/etcd/never/manifest.json")).doesNotExist();
    }

    @Test
    void keepsTheAgentsPkiAndFilesEncryptedAndRefusesSecretsWithoutAKey() throws Exception {
        Path pki = Files.createDirectories(h.workspaceDir.resolve("pki/etcd")).getParent();
        Files.writeString(pki.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Files.writeString(pki.resolve("etcd/ca.key"), "-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n");
        Path config = Files.writeString(tmp.resolve("kubeadm-config.yaml"), "kind: ClusterConfiguration\n");
        EtcdSnapshotStep step = step(etcd.clientUrl().toString());
        step.setName("kit-nokey");
        step.setIncludePki("pki");
        step.setIncludeFiles(List.of(config.toString()));

        Throwable refused = h.runFailing(step);
        assertThat(refused).isInstanceOf(AbortException.class).hasMessageContaining("refusing to keep 1 secret file(s)")
                .hasMessageContaining(pki.resolve("etcd/ca.key").toString());
        assertThat(h.workspaceDir.resolve("snapshots/etcd/kit-nokey")).doesNotExist();

        h = new StepHarness(tmp.resolve("with-key"), "ops/etcd", 4);
        h.credentials(new TestCreds.Text("etcd-key", "a long passphrase for etcd snapshots"));
        Path pki2 = Files.createDirectories(h.workspaceDir.resolve("pki"));
        Files.copy(pki.resolve("ca.crt"), pki2.resolve("ca.crt"));
        Files.writeString(pki2.resolve("sa.key"), "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
        step.setName("kit");
        step.setEncryptionCredentialsId("etcd-key");

        Map<String, Object> r = (Map<String, Object>) h.run(step);

        assertThat(r).containsEntry("status", "Completed").containsEntry("pkiDir", pki2.toString());
        assertThat((List<Map<String, Object>>) r.get("files")).extracting(f -> f.get("path"), f -> f.get("encrypted"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("ca.crt", true),
                        org.assertj.core.groups.Tuple.tuple("sa.key", true),
                        org.assertj.core.groups.Tuple.tuple(config.toString(), true));
        assertThat(h.log()).contains("3 kept file(s)");
        try (Stream<Path> files = Files.walk(h.workspaceDir.resolve("snapshots"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain("BEGIN PRIVATE KEY");
            }
        }
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
