package io.jenkins.plugins.k8sbackup.jenkins.credentials;

import java.io.Serializable;

/**
 * PEM material for an etcd client connection, resolved from credentials on the controller: the CA that
 * signed the etcd server certificate and the client certificate and key. {@link #toString()} shows none of it.
 */
public record EtcdTls(String caPem, String certPem, String keyPem) implements Serializable {
    public boolean hasClientCertificate() {
        return certPem != null && keyPem != null;
    }

    @Override
    public String toString() {
        return "EtcdTls[ca=" + (caPem != null) + ", clientCertificate=" + hasClientCertificate() + "]";
    }
}
