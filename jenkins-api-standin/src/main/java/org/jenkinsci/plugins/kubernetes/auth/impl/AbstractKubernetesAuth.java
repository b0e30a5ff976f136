package org.jenkinsci.plugins.kubernetes.auth.impl;

import io.fabric8.kubernetes.api.model.AuthInfoBuilder;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuth;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthConfig;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthException;

/** Package-private as upstream: a kubeconfig with one cluster, user and context "k8s", as kubernetes-credentials builds it. */
abstract class AbstractKubernetesAuth implements KubernetesAuth {
    abstract AuthInfoBuilder decorateAuth(AuthInfoBuilder builder, KubernetesAuthConfig config) throws KubernetesAuthException;

    @Override
    public String buildKubeConfig(KubernetesAuthConfig config) throws KubernetesAuthException {
        return Serialization.asYaml(buildConfigBuilder(config, "k8s", "k8s", "cluster-admin").build());
    }

    @Override
    public ConfigBuilder buildConfigBuilder(KubernetesAuthConfig config, String context, String clusterName, String username)
            throws KubernetesAuthException {
        var cluster = new io.fabric8.kubernetes.api.model.ClusterBuilder().withServer(config.getServerUrl());
        if (config.isSkipTlsVerify()) {
            cluster.withInsecureSkipTlsVerify(true);
        } else if (config.getCaCertificate() != null && !config.getCaCertificate().isEmpty()) {
            cluster.withCertificateAuthorityData(Base64.getEncoder().encodeToString(
                    config.getCaCertificate().getBytes(StandardCharsets.UTF_8)));
        }
        return new ConfigBuilder().withApiVersion("v1").withKind("Config")
                .addToClusters(new NamedClusterBuilder().withName(clusterName).withCluster(cluster.build()).build())
                .addToUsers(new NamedAuthInfoBuilder().withName(username)
                        .withUser(decorateAuth(new AuthInfoBuilder(), config).build()).build())
                .addToContexts(new NamedContextBuilder().withName(context)
                        .withNewContext().withCluster(clusterName).withUser(username).endContext().build())
                .withCurrentContext(context);
    }

    @Override
    public io.fabric8.kubernetes.client.ConfigBuilder decorate(io.fabric8.kubernetes.client.ConfigBuilder builder,
                                                                KubernetesAuthConfig config) throws KubernetesAuthException {
        return builder.withMasterUrl(config.getServerUrl()).withTrustCerts(config.isSkipTlsVerify());
    }
}
