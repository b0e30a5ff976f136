package io.jenkins.plugins.k8sbackup.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Builds jetcd clients from an {@link EtcdConnection} and turns gRPC failures into messages a user can act on. */
final class EtcdClients {
    private EtcdClients() {}

    static Client open(EtcdConnection c) throws EtcdSnapshotException {
        ClientBuilder b = Client.builder()
                .endpoints(c.endpoints().toArray(URI[]::new))
                .connectTimeout(c.timeout())
                // Fail calls on a dead channel at once instead of queueing them until our timeout.
                .waitForReady(false)
                .retryMaxDuration(c.timeout())
                .retryMaxAttempts(2);
        if (c.tls() != null && !c.usesTls()) {
            throw new EtcdSnapshotException("TLS certificates were given but the etcd endpoints " + c.endpoints()
                    + " use http://; use https:// endpoints");
        }
        if (c.usesTls()) {
            try {
                EtcdTls tls = c.tls();
                b.sslContext(ssl -> {
                    if (tls != null && tls.caPem() != null) {
                        ssl.trustManager(Pem.certificates(tls.caPem(), "etcd CA certificate").toArray(X509Certificate[]::new));
                    }
                    if (tls != null && tls.hasClientCertificate()) {
                        PrivateKey key = Pem.privateKey(tls.keyPem(), "etcd client key");
                        ssl.keyManager(key, Pem.certificates(tls.certPem(), "etcd client certificate")
                                .toArray(X509Certificate[]::new));
                    }
                });
            } catch (SSLException | IllegalArgumentException e) {
                throw new EtcdSnapshotException("invalid TLS material for etcd: " + e.getMessage(), e);
            }
        }
        if (c.user() != null) {
            b.user(ByteSequence.from(c.user(), StandardCharsets.UTF_8))
                    .password(ByteSequence.from(c.password(), StandardCharsets.UTF_8));
        }
        return b.build();
    }

    /** Waits for one etcd call, bounded by the connection's timeout. */
    static <T> T await(CompletableFuture<T> call, EtcdConnection c, String what) throws EtcdSnapshotException {
        try {
            return call.get(c.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new EtcdSnapshotException(what + ": no answer from etcd at " + c.endpoints() + " within "
                    + c.timeout().toSeconds() + " s (is the endpoint right and reachable?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdSnapshotException(what + ": interrupted", e);
        } catch (ExecutionException e) {
            throw explain(e.getCause(), c, what);
        }
    }

    /** Names the likely cause: trust, client certificate, credentials, or reachability. */
    static EtcdSnapshotException explain(Throwable failure, EtcdConnection c, String what) {
        String all = chainText(failure).toLowerCase(Locale.ROOT);
        String where = " (etcd at " + c.endpoints() + ")";
        String hint;
        if (all.contains("pkix") || all.contains("unable to find valid certification path")
                || has(failure, CertificateException.class)) {
            hint = "the etcd server certificate is not trusted: give the etcd CA certificate"
                    + " (kubeadm: /etc/kubernetes/pki/etcd/ca.crt)";
        } else if (all.contains("certificate_required") || all.contains("bad_certificate")
                || all.contains("bad certificate") || all.contains("certificate required")) {
            hint = "etcd rejected the client certificate: give a client certificate and key signed by the etcd CA"
                    + " (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.crt/.key)";
        } else if (has(failure, SSLException.class) || all.contains("ssl") || all.contains("handshake")) {
            hint = "TLS handshake failed: check that the endpoint speaks TLS and matches the certificates";
        } else if (all.contains("authentication failed") || all.contains("invalid auth token")
                || all.contains("user name is empty") || all.contains("permission denied")) {
            hint = "etcd refused the user name or password";
        } else if (all.contains("connection reset") || all.contains("connection closed") || all.contains("channel closed")) {
            hint = "etcd closed the connection (did it stop or restart?): " + firstLine(failure);
        } else if (has(failure, ConnectException.class) || all.contains("connection refused") || all.contains("unavailable")) {
            hint = "cannot connect: is etcd running there and is the port right?";
        } else {
            hint = firstLine(failure);
        }
        return new EtcdSnapshotException(what + " failed: " + hint + where, failure);
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (type.isInstance(x)) {
                return true;
            }
        }
        return false;
    }

    private static String chainText(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            sb.append(x.getClass().getName()).append(": ").append(x.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static String firstLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }

    static List<String> strings(List<URI> uris) {
        return uris.stream().map(URI::toString).toList();
    }
}
