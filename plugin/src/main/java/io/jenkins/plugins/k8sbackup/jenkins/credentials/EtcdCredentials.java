package io.jenkins.plugins.k8sbackup.jenkins.credentials;

import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/**
 * etcd TLS from Jenkins credentials: a certificate credential (PKCS#12 key store with the client certificate
 * and key), or two secret files holding PEM certificate and key; the CA as a secret file or PEM text.
 */
public final class EtcdCredentials {
    private EtcdCredentials() {}

    public static EtcdTls resolve(CredentialResolver credentials, String certificateCredentialsId, String certFileCredentialsId,
                                  String keyFileCredentialsId, String caCredentialsId, String caCertificate) throws AbortException {
        String step = credentials.stepName();
        if (certificateCredentialsId != null && (certFileCredentialsId != null || keyFileCredentialsId != null)) {
            throw new AbortException(step + ": give either credentialsId (certificate) or certCredentialsId and keyCredentialsId (files), not both");
        }
        if ((certFileCredentialsId == null) != (keyFileCredentialsId == null)) {
            throw new AbortException(step + ": certCredentialsId and keyCredentialsId go together");
        }
        if (caCredentialsId != null && caCertificate != null) {
            throw new AbortException(step + ": give either caCredentialsId or caCertificate, not both");
        }
        String cert = null;
        String key = null;
        if (certificateCredentialsId != null) {
            StandardCredentials c = credentials.require(certificateCredentialsId, "the etcd client certificate");
            if (!(c instanceof StandardCertificateCredentials cc)) {
                throw credentials.wrongType(certificateCredentialsId, c, "the etcd client certificate", "a certificate credential");
            }
            String[] pem = fromKeyStore(cc.getKeyStore(), cc.getPassword().getPlainText(), step, certificateCredentialsId);
            cert = pem[0];
            key = pem[1];
        } else if (certFileCredentialsId != null) {
            cert = pemFile(credentials, certFileCredentialsId, "the etcd client certificate");
            key = pemFile(credentials, keyFileCredentialsId, "the etcd client key");
        }
        String ca = caCredentialsId != null ? pemFile(credentials, caCredentialsId, "the etcd CA certificate") : caCertificate;
        if (key != null) {
            credentials.addSecrets(key);
        }
        return new EtcdTls(ca, cert, key);
    }

    static String pemFile(CredentialResolver credentials, String id, String purpose) throws AbortException {
        StandardCredentials c = credentials.require(id, purpose);
        if (!(c instanceof FileCredentials f)) {
            throw credentials.wrongType(id, c, purpose, "a secret file holding PEM");
        }
        try (InputStream in = f.getContent()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            if (!pem.contains("-----BEGIN ")) {
                throw new AbortException(credentials.stepName() + ": credentials '" + id + "' (" + purpose + ") do not hold PEM");
            }
            return pem;
        } catch (IOException e) {
            throw new AbortException(credentials.stepName() + ": cannot read credentials '" + id + "': " + e.getMessage());
        }
    }

    /** The first key entry's certificate chain and PKCS#8 private key, as PEM. */
    static String[] fromKeyStore(KeyStore ks, String password, String step, String id) throws AbortException {
        try {
            for (String alias : Collections.list(ks.aliases())) {
                Key k = ks.getKey(alias, password.toCharArray());
                if (k instanceof PrivateKey) {
                    StringBuilder chain = new StringBuilder();
                    for (Certificate c : ks.getCertificateChain(alias)) {
                        chain.append(pem("CERTIFICATE", c.getEncoded()));
                    }
                    return new String[] {chain.toString(), pem("PRIVATE KEY", k.getEncoded())};
                }
            }
        } catch (GeneralSecurityException e) {
            throw new AbortException(step + ": certificate credentials '" + id + "' cannot be read: " + e.getMessage());
        }
        throw new AbortException(step + ": certificate credentials '" + id + "' hold no private key");
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
