package io.jenkins.plugins.k8sbackup.jenkins.cluster;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.fasterxml.jackson.core.JsonProcessingException;
import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.jenkins.credentials.CredentialResolver;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import java.net.URI;
import java.util.function.Consumer;
import jenkins.authentication.tokens.api.AuthenticationTokens;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuth;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthConfig;
import org.jenkinsci.plugins.kubernetes.auth.KubernetesAuthException;
import org.jenkinsci.plugins.kubernetes.auth.impl.KubernetesAuthKubeconfig;

/**
 * Turns {@link ClusterOptions} into a {@link ClusterConnection} on the controller. Credentials go through
 * kubernetes-credentials ({@code AuthenticationTokens.convert(KubernetesAuth.class, c)}), which covers
 * kubeconfig files, secret-text tokens, username/password and certificates, as the kubernetes-cli plugin
 * does. TLS is never silently disabled: without {@code caCertificate} the JVM's trusted CAs verify the server,
 * and {@code skipTlsVerify: true} must be asked for (and is logged).
 */
public final class ClusterResolver {
    private ClusterResolver() {}

    public static ClusterConnection resolve(ClusterOptions o, CredentialResolver credentials, Consumer<String> log)
            throws AbortException {
        String step = credentials.stepName();
        double qps = o.qps() > 0 ? o.qps() : ClusterOptions.DEFAULT_QPS;
        int burst = o.burst() > 0 ? o.burst() : ClusterOptions.DEFAULT_BURST;
        boolean hasCa = o.caCertificate() != null && !o.caCertificate().isBlank();
        if (hasCa && o.skipTlsVerify()) {
            throw new AbortException(step + ": give either caCertificate or skipTlsVerify: true, not both");
        }
        if (o.credentialsId() == null || o.credentialsId().isBlank()) {
            if (notBlank(o.serverUrl())) {
                throw new AbortException(step + ": serverUrl needs credentialsId; without credentials the agent's own "
                        + "kubeconfig or service account is used, and it names its server");
            }
            return ClusterConnection.agentDefault(emptyToNull(o.context()), qps, burst);
        }
        StandardCredentials c = credentials.require(o.credentialsId(), "Kubernetes", Forms.domainRequirements(o.serverUrl()));
        KubernetesAuth auth = AuthenticationTokens.convert(KubernetesAuth.class, c);
        if (auth == null) {
            throw credentials.wrongType(o.credentialsId(), c, "Kubernetes",
                    "a kubeconfig secret file, secret text (token), username/password or certificate credential");
        }
        boolean kubeconfigFile = auth instanceof KubernetesAuthKubeconfig;
        if (!kubeconfigFile) {
            checkServerUrl(step, o.serverUrl());
        } else if (notBlank(o.serverUrl()) || hasCa || o.skipTlsVerify()) {
            log.accept("WARNING: credentials '" + o.credentialsId() + "' are a kubeconfig file: its own server and "
                    + "TLS settings apply; serverUrl, caCertificate and skipTlsVerify are ignored");
        }
        if (o.skipTlsVerify() && !kubeconfigFile) {
            log.accept("WARNING: TLS verification of " + o.serverUrl() + " is disabled (skipTlsVerify: true)");
        }
        String kubeconfig;
        try {
            kubeconfig = auth.buildKubeConfig(new KubernetesAuthConfig(emptyToNull(o.serverUrl()),
                    hasCa ? o.caCertificate().strip() : null, o.skipTlsVerify()));
        } catch (KubernetesAuthException | JsonProcessingException | RuntimeException e) {
            throw new AbortException(step + ": credentials '" + o.credentialsId() + "' cannot be turned into a kubeconfig: "
                    + credentials.masker().mask(String.valueOf(e.getMessage())));
        }
        if (kubeconfig == null || kubeconfig.isBlank()) {
            throw new AbortException(step + ": credentials '" + o.credentialsId() + "' hold an empty kubeconfig");
        }
        credentials.addSecrets(KubeconfigSecrets.of(kubeconfig).toArray(String[]::new));
        String context = kubeconfigFile ? emptyToNull(o.context()) : null;
        if (!kubeconfigFile && notBlank(o.context())) {
            log.accept("WARNING: context '" + o.context() + "' is ignored: it selects a context of a kubeconfig credential");
        }
        String where = kubeconfigFile ? "kubeconfig credentials '" + o.credentialsId() + "'"
                + (context != null ? " (context " + context + ")" : "")
                : o.serverUrl() + " with credentials '" + o.credentialsId() + "'";
        return ClusterConnection.ofKubeconfig(kubeconfig, context, qps, burst, where);
    }

    static void checkServerUrl(String step, String serverUrl) throws AbortException {
        if (!notBlank(serverUrl)) {
            throw new AbortException(step + ": serverUrl is required with a token, username/password or certificate credential");
        }
        URI uri;
        try {
            uri = URI.create(serverUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new AbortException(step + ": serverUrl is not a valid URL");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new AbortException(step + ": serverUrl '" + serverUrl + "' must be an https:// (or http://) URL with a host");
        }
        if (uri.getUserInfo() != null) {
            throw new AbortException(step + ": serverUrl must not contain credentials; use credentialsId");
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String emptyToNull(String s) {
        return notBlank(s) ? s.strip() : null;
    }
}
