package io.jenkins.plugins.k8sbackup.etcd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS material for an etcd connection, as PEM bytes: the plugin resolves them from Jenkins credentials,
 * the CLI reads files. {@code caPem} null means the JVM's default trust store; a client certificate
 * ({@code certPem} + {@code keyPem}) is needed when etcd runs with {@code --client-cert-auth}, as kubeadm's does.
 * {@link #toString()} never shows the key.
 */
public record EtcdTls(byte[] caPem, byte[] certPem, byte[] keyPem) {

    public EtcdTls {
        if ((certPem == null) != (keyPem == null)) {
            throw new IllegalArgumentException("a client certificate needs both the certificate and its private key");
        }
    }

    public static EtcdTls fromFiles(Path ca, Path cert, Path key) throws IOException {
        return new EtcdTls(read(ca, "CA certificate"), read(cert, "client certificate"), read(key, "client key"));
    }

    public boolean hasClientCertificate() {
        return certPem != null;
    }

    private static byte[] read(Path file, String what) throws IOException {
        if (file == null) {
            return null;
        }
        if (!Files.isReadable(file)) {
            throw new IOException(what + " file " + file + " does not exist or is not readable");
        }
        return Files.readAllBytes(file);
    }

    @Override
    public String toString() {
        return "EtcdTls[ca=" + (caPem != null) + ", clientCertificate=" + hasClientCertificate() + "]";
    }
}
