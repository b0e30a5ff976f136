package org.jenkinsci.plugins.kubernetes.auth.impl;

import hudson.util.Secret;
import io.fabric8.kubernetes.api.model.AuthInfoBuilder;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthConfig;

public class KubernetesAuthUsernamePassword extends AbstractKubernetesAuth {
    private final String username;
    private final Secret password;

    public KubernetesAuthUsernamePassword(String username, Secret password) {
        this.username = username;
        this.password = password;
    }

    public String getUsername() {
        return username;
    }

    public Secret getPasswordSecret() {
        return password;
    }

    @Override
    AuthInfoBuilder decorateAuth(AuthInfoBuilder builder, KubernetesAuthConfig config) {
        return builder.withUsername(username).withPassword(password.getPlainText());
    }
}
