package io.jenkins.plugins.k8sbackup.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which control-plane files count as secrets (stored only encrypted), and which do not. */
class SensitiveFilesTest {
    private static Optional<String> reason(String name, String content) {
        return SensitiveFiles.reason(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void privateKeysAreSecretsByNameOrByContent() {
        assertThat(reason("sa.key", "anything")).contains("private key (*.key)");
        assertThat(reason("peer.pem", "-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n"))
                .contains("holds a PEM private key");
        assertThat(reason("bundle.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
                + "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n")).contains("holds a PEM private key");
    }

    @Test
    void theEncryptionConfigIsASecretInYamlAndJson() {
        assertThat(reason("enc.yaml", "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources: []\n"))
                .contains("encryption-at-rest configuration (EncryptionConfiguration)");
        assertThat(reason("enc.json", "{\n  \"kind\": \"EncryptionConfiguration\",\n  \"resources\": []\n}"))
                .contains("encryption-at-rest configuration (EncryptionConfiguration)");
    }

    @Test
    void kubeconfigsAndKubeadmFilesWithCredentialsAreSecrets() {
        assertThat(reason("admin.conf", "users:\n- name: admin\n  user:\n    client-key-data: LS0tLS1CRUdJTi\n"))
                .contains("holds a credential ('client-key-data')");
        assertThat(reason("kubeadm.yaml", "kind: InitConfiguration\nbootstrapTokens:\n- token: abcdef.0123456789abcdef\n"))
                .contains("holds a credential ('token')");
        assertThat(reason("kubeadm-join.yaml", "kind: JoinConfiguration\ncontrolPlane:\n  certificateKey: \"e6a2eb8581237ab72\"\n"))
                .contains("holds a credential ('certificateKey')");
    }

    @Test
    void certificatesConfigsAndManifestsWithoutCredentialsAreNot() {
        assertThat(reason("ca.crt", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")).isEmpty();
        assertThat(reason("sa.pub", "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n")).isEmpty();
        assertThat(reason("kubeadm-config.yaml", RecoveryKitScenario.KUBEADM_CONFIG)).isEmpty();
        // a static pod mounting a Secret volume names the volume type, not a credential
        assertThat(reason("etcd.yaml", "spec:\n  volumes:\n  - name: certs\n    secret:\n      secretName: etcd-certs\n"
                + "  containers:\n  - command:\n    - --token-auth-file=/etc/tokens.csv\n")).isEmpty();
    }
}
