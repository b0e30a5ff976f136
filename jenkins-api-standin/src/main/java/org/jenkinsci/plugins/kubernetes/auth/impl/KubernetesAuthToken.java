package org.jenkinsci.plugins.kubernetes.auth.impl;

import io.fabric8.kubernetes.api.model.AuthInfoBuilder;
import java.io.IOException;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthConfig;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthException;
import org.jenkinsci.plugins.kubernetes.credentials.TokenProducer;

public class KubernetesAuthToken extends AbstractKubernetesAuth {
    private final TokenProducer producer;

    public KubernetesAuthToken(TokenProducer producer) {
        this.producer = producer;
    }

    protected String getToken(KubernetesAuthConfig config) throws KubernetesAuthException {
        try {
            return producer.getToken(config.getServerUrl(), config.getCaCertificate(), config.isSkipTlsVerify());
        } catch (IOException e) {
            throw new KubernetesAuthException(e.getMessage(), e);
        }
    }

    @Override
    AuthInfoBuilder decorateAuth(AuthInfoBuilder builder, KubernetesAuthConfig config) throws KubernetesAuthException {
        return builder.withToken(getToken(config));
    }
}
