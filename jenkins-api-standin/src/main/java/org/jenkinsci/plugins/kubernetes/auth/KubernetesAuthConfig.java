package org.jenkinsci.plugins.kubernetes.auth;

public class KubernetesAuthConfig {
    private final String serverUrl;
    private final String caCertificate;
    private final boolean skipTlsVerify;

    public KubernetesAuthConfig(String serverUrl, String caCertificate, boolean skipTlsVerify) {
        this.serverUrl = serverUrl;
        this.caCertificate = caCertificate;
        this.skipTlsVerify = skipTlsVerify;
    }

    public String getServerUrl() {
        return serverUrl;
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    public boolean isSkipTlsVerify() {
        return skipTlsVerify;
    }
}
