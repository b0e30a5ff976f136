package org.jenkinsci.plugins.kubernetes.auth.impl;

import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuth;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthConfig;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthException;

/** The kubeconfig of a file credential, used as it is. */
public class KubernetesAuthKubeconfig implements KubernetesAuth {
    private final String kubeconfig;

    public KubernetesAuthKubeconfig(String kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    public String getKubeconfig() {
        return kubeconfig;
    }

    @Override
    public String buildKubeConfig(KubernetesAuthConfig config) {
        return kubeconfig;
    }

    @Override
    public ConfigBuilder buildConfigBuilder(KubernetesAuthConfig config, String context, String clusterName, String username)
            throws KubernetesAuthException {
        try {
            return new ConfigBuilder(Serialization.unmarshal(kubeconfig, io.fabric8.kubernetes.api.model.Config.class));
        } catch (RuntimeException e) {
            throw new KubernetesAuthException("invalid kubeconfig", e);
        }
    }

    @Override
    public io.fabric8.kubernetes.client.ConfigBuilder decorate(io.fabric8.kubernetes.client.ConfigBuilder builder,
                                                                KubernetesAuthConfig config) {
        return builder;
    }
}
