package org.jenkinsci.plugins.kubernetes.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.client.ConfigBuilder;

public interface KubernetesAuth {
    ConfigBuilder decorate(ConfigBuilder builder, KubernetesAuthConfig config) throws KubernetesAuthException;

    String buildKubeConfig(KubernetesAuthConfig config) throws JsonProcessingException, KubernetesAuthException;

    io.fabric8.kubernetes.api.model.ConfigBuilder buildConfigBuilder(KubernetesAuthConfig config, String context,
                                                                    String clusterName, String username)
            throws KubernetesAuthException;
}
