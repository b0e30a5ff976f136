package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.testing.FailingStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever dies mid-snapshot, nothing complete (no manifest, no snapshot object) may be left behind. */
class EtcdSnapshotFaultsTest {
    @TempDir
    Path work;

    @Test
    void aClosedPortFailsFastWithAClearMessage() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store"));
        EtcdConnection nowhere = new EtcdConnection(List.of(URI.create("http://127.0.0.1:" + port)), null, null, null,
                Duration.ofSeconds(3));

        long start = System.nanoTime();
        assertThatThrownBy(() -> EtcdSnapshotter.snapshot(nowhere, EtcdSnapshotOptions.named("x"), storage))
                .isInstanceOf(EtcdSnapshotException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageMatching("(?s).*(cannot connect|no answer).*");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(storage.list("")).isEmpty();
    }

    @Test
    void storageThatDiesMidStreamLeavesNothingBehind() throws Exception {
        try (EtcdServerFixture etcd = EtcdServerFixture.start(work, "dying-storage")) {
            etcd.putKeys(300, 1000);
            LocalDirectoryStorage real = new LocalDirectoryStorage(work.resolve("store"));
            FailingStorage storage = FailingStorage.dyingAfter(real, 64 * 1024);

            assertThatThrownBy(() -> EtcdSnapshotter.snapshot(etcd.connection(), EtcdSnapshotOptions.named("s1"), storage))
                    .hasMessageContaining("simulated storage failure");

            assertNothingLeft(real, "s1");
            // The same etcd and name work once storage is healthy again.
            EtcdSnapshotResult ok = EtcdSnapshotter.snapshot(etcd.connection(), EtcdSnapshotOptions.named("s1"), real);
            assertThat(ok.manifest().status()).isEqualTo(BackupStatus.Completed);
        }
    }

    @Test
    void etcdDyingMidStreamLeavesNothingBehind() throws Exception {
        try (EtcdServerFixture etcd = EtcdServerFixture.start(work, "dying-etcd")) {
            // ~6 MB, far more than gRPC's flow-control window plus our queue, so etcd is still sending when killed.
            etcd.putKeys(1500, 4000);
            LocalDirectoryStorage real = new LocalDirectoryStorage(work.resolve("store"));
            FailingStorage storage = FailingStorage.hookAt(real, 32 * 1024, n -> etcd.server().kill());

            long start = System.nanoTime();
            assertThatThrownBy(() -> EtcdSnapshotter.snapshot(etcd.connection(), EtcdSnapshotOptions.named("k1"), storage))
                    .isInstanceOf(EtcdSnapshotException.class)
                    .hasMessageContaining("streaming the snapshot");
            assertThat(etcd.server().isAlive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertNothingLeft(real, "k1");
        }
    }

    @Test
    void anEmptyEtcdSnapshotsAndVerifies() throws Exception {
        // etcdctl reports revision 0 for a store without keys while etcd's header says 1: not a mismatch.
        try (EtcdServerFixture etcd = EtcdServerFixture.start(work, "empty")) {
            LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store"));
            EtcdSnapshotter.snapshot(etcd.connection(), EtcdSnapshotOptions.named("empty"), storage);
            EtcdVerifyResult v = EtcdSnapshotVerifier.verify(storage, "empty", java.util.Optional.empty(), true);
            assertThat(v.problems()).isEmpty();
            assertThat(v.revision()).isZero();
            assertThat(v.liveKeys()).isZero();
        }
    }

    private static void assertNothingLeft(LocalDirectoryStorage storage, String name) throws IOException {
        assertThat(storage.list("")).isEmpty();
        assertThat(new BackupCatalog(storage, BackupKind.ETCD).list()).extracting(BackupSummary::status)
                .doesNotContain(BackupStatus.Completed, BackupStatus.PartiallyFailed);
        try (Stream<Path> files = Files.walk(storage.root())) {
            assertThat(files.filter(Files::isRegularFile)).as("no temp file left").isEmpty();
        }
        assertThat(storage.exists("etcd/" + name + "/manifest.json")).isFalse();
    }
}
