package io.jenkins.plugins.k8sbackup.etcd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway PKI made with the openssl CLI, shaped like kubeadm's etcd one: a CA, a server certificate for
 * 127.0.0.1, a peer certificate for 127.0.0.1 (server and client use, as members present it to each other), and
 * client certificates with a SEC1 EC key and a PKCS#1 RSA key (the formats kubeadm and
 * {@code openssl genrsa -traditional} write).
 */
final class TestPki {
    final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    static TestPki create(Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Files.createDirectories(dir);
        TestPki pki = new TestPki(dir);
        pki.ca("ca");
        pki.ca("other-ca");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        Files.writeString(dir.resolve("peer.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n");
        pki.openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "server.key");
        pki.sign("server", "ca", "server.ext");
        pki.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "peer.key");
        pki.sign("peer", "ca", "peer.ext");
        pki.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "client-ec.key");
        pki.sign("client-ec", "ca", "client.ext");
        pki.openssl("genrsa", "-traditional", "-out", "client-rsa.key", "2048");
        pki.sign("client-rsa", "ca", "client.ext");
        return pki;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    List<String> etcdServerArgs() {
        return List.of("--cert-file", file("server.crt").toString(), "--key-file", file("server.key").toString(),
                "--trusted-ca-file", file("ca.crt").toString(), "--client-cert-auth");
    }

    /** TLS between members, each member presenting the peer certificate and requiring one from its peers. */
    List<String> etcdPeerArgs() {
        return List.of("--peer-cert-file", file("peer.crt").toString(), "--peer-key-file", file("peer.key").toString(),
                "--peer-trusted-ca-file", file("ca.crt").toString(), "--peer-client-cert-auth");
    }

    private void ca(String name) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".crt",
                "-days", "2", "-subj", "/CN=" + name);
    }

    private void sign(String name, String ca, String ext) throws IOException, InterruptedException {
        openssl("req", "-new", "-key", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
                "-out", name + ".crt", "-days", "2", "-extfile", ext);
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}
