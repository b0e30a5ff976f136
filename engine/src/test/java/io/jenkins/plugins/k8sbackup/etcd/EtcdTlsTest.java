package io.jenkins.plugins.k8sbackup.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etcd with server TLS and client-certificate auth, as kubeadm runs it. */
class EtcdTlsTest {
    @TempDir
    static Path work;
    static TestPki pki;
    static EtcdServerFixture etcd;

    @BeforeAll
    static void startTlsEtcd() throws Exception {
        EtcdServerFixture.assumeEtcdInstalled();
        pki = TestPki.create(work.resolve("pki"));
        etcd = EtcdServerFixture.start(work, "tls", "https", pki.etcdServerArgs());
    }

    @AfterAll
    static void stop() {
        if (etcd != null) {
            etcd.close();
        }
    }

    private static EtcdConnection connect(EtcdTls tls) {
        return new EtcdConnection(List.of(etcd.url()), tls, null, null, Duration.ofSeconds(4));
    }

    private static EtcdTls tls(String ca, String clientName) throws Exception {
        return EtcdTls.fromFiles(ca == null ? null : pki.file(ca),
                clientName == null ? null : pki.file(clientName + ".crt"), clientName == null ? null : pki.file(clientName + ".key"));
    }

    @Test
    void snapshotsWithTheCaAndAnEcClientCertificate() throws Exception {
        assertThat(Files.readString(pki.file("client-ec.key"))).contains("BEGIN EC PRIVATE KEY");
        LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store-ec"));
        EtcdSnapshotResult r = EtcdSnapshotter.snapshot(connect(tls("ca.crt", "client-ec")), EtcdSnapshotOptions.named("t1"), storage);
        assertThat(r.manifest().endpoint()).startsWith("https://127.0.0.1:");
        assertThat(EtcdSnapshotVerifier.verify(storage, "t1", Optional.empty(), false).status()).isEqualTo(BackupStatus.Completed);
    }

    @Test
    void acceptsAPkcs1RsaClientKey() throws Exception {
        assertThat(Files.readString(pki.file("client-rsa.key"))).contains("BEGIN RSA PRIVATE KEY");
        LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store-rsa"));
        EtcdSnapshotResult r = EtcdSnapshotter.snapshot(connect(tls("ca.crt", "client-rsa")), EtcdSnapshotOptions.named("t2"), storage);
        assertThat(r.manifest().sha256()).hasSize(64);
    }

    @Test
    void withoutTheCaTheServerIsNotTrusted() {
        assertFailsQuickly(() -> EtcdSnapshotter.snapshot(connect(tls(null, "client-ec")), EtcdSnapshotOptions.named("n1"),
                new LocalDirectoryStorage(work.resolve("store-noca"))), "not trusted");
    }

    @Test
    void aWrongCaIsNotTrusted() {
        assertFailsQuickly(() -> EtcdSnapshotter.snapshot(connect(tls("other-ca.crt", "client-ec")), EtcdSnapshotOptions.named("n2"),
                new LocalDirectoryStorage(work.resolve("store-wrongca"))), "not trusted");
    }

    @Test
    void withoutAClientCertificateEtcdRefuses() {
        assertFailsQuickly(() -> EtcdSnapshotter.snapshot(connect(tls("ca.crt", null)), EtcdSnapshotOptions.named("n3"),
                new LocalDirectoryStorage(work.resolve("store-nocert"))), "client certificate");
    }

    @Test
    void plainHttpAgainstTlsEtcdFails() {
        EtcdConnection plain = new EtcdConnection(List.of(java.net.URI.create(etcd.url().toString().replace("https", "http"))),
                null, null, null, Duration.ofSeconds(3));
        assertThatThrownBy(() -> EtcdSnapshotter.snapshot(plain, EtcdSnapshotOptions.named("n4"),
                new LocalDirectoryStorage(work.resolve("store-plain")))).isInstanceOf(EtcdSnapshotException.class);
    }

    @Test
    void badTlsMaterialIsRejectedBeforeConnecting() throws Exception {
        EtcdTls notPem = new EtcdTls("not a certificate".getBytes(StandardCharsets.US_ASCII), null, null);
        assertThatThrownBy(() -> EtcdSnapshotter.snapshot(connect(notPem), EtcdSnapshotOptions.named("b1"),
                new LocalDirectoryStorage(work.resolve("store-bad"))))
                .isInstanceOf(EtcdSnapshotException.class).hasMessageContaining("etcd CA certificate");
        EtcdConnection tlsOverHttp = new EtcdConnection(List.of(java.net.URI.create("http://127.0.0.1:1")), tls("ca.crt", null),
                null, null, null);
        assertThatThrownBy(() -> EtcdSnapshotter.snapshot(tlsOverHttp, EtcdSnapshotOptions.named("b2"),
                new LocalDirectoryStorage(work.resolve("store-bad")))).hasMessageContaining("use https://");
        assertThatThrownBy(() -> Pem.privateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII), "k")).hasMessageContaining("openssl pkcs8");
        assertThatThrownBy(() -> new EtcdTls(null, new byte[1], null)).hasMessageContaining("both");
        assertThat(tls("ca.crt", "client-ec").toString()).doesNotContain("PRIVATE");
    }

    private static void assertFailsQuickly(ThrowingCallable call, String hint) {
        long start = System.nanoTime();
        assertThatThrownBy(call).isInstanceOf(EtcdSnapshotException.class)
                .hasMessageContaining(hint).hasMessageContaining(etcd.url().toString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }
}
