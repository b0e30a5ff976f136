package org.jenkinsci.plugins.kubernetes.auth.impl;

import hudson.util.Secret;
import io.fabric8.kubernetes.api.model.AuthInfoBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthConfig;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthException;

public class KubernetesAuthKeystore extends AbstractKubernetesAuth {
    private final KeyStore keyStore;
    private final Secret passPhrase;

    public KubernetesAuthKeystore(KeyStore keyStore, Secret passPhrase) {
        this.keyStore = keyStore;
        this.passPhrase = passPhrase;
    }

    public KeyStore getKeyStore() {
        return keyStore;
    }

    public Secret getPassPhraseSecret() {
        return passPhrase;
    }

    @Override
    AuthInfoBuilder decorateAuth(AuthInfoBuilder builder, KubernetesAuthConfig config) throws KubernetesAuthException {
        try {
            String alias = keyStore.aliases().nextElement();
            var key = keyStore.getKey(alias, passPhrase.getPlainText().toCharArray());
            var cert = keyStore.getCertificate(alias);
            return builder.withClientCertificateData(pem("CERTIFICATE", cert.getEncoded()))
                    .withClientKeyData(pem("PRIVATE KEY", key.getEncoded()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KubernetesAuthException("cannot read the certificate's key store: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
        return Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.US_ASCII));
    }
}
