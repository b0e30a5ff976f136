package io.jenkins.plugins.k8sbackup.jenkins.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.jenkins.credentials.EtcdTls;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The PEM material resolved from credentials reaches the engine unchanged, and no TLS means plain connections. */
class EtcdSnapshotCallableTest {
    @Test
    void credentialsPemBecomesTheEnginesTls() {
        var tls = EtcdSnapshotCallable.engineTls(new EtcdTls("CA PEM", "CERT PEM", "KEY PEM"));

        assertThat(new String(tls.caPem(), StandardCharsets.US_ASCII)).isEqualTo("CA PEM");
        assertThat(new String(tls.certPem(), StandardCharsets.US_ASCII)).isEqualTo("CERT PEM");
        assertThat(new String(tls.keyPem(), StandardCharsets.US_ASCII)).isEqualTo("KEY PEM");
        assertThat(tls.toString()).doesNotContain("KEY PEM");
    }

    @Test
    void aCaAloneIsServerVerificationOnlyAndNothingIsNoTls() {
        var caOnly = EtcdSnapshotCallable.engineTls(new EtcdTls("CA PEM", null, null));

        assertThat(caOnly.caPem()).isNotNull();
        assertThat(caOnly.hasClientCertificate()).isFalse();
        assertThat(EtcdSnapshotCallable.engineTls(null)).isNull();
        assertThat(EtcdSnapshotCallable.engineTls(new EtcdTls(null, null, null))).isNull();
    }

    @Test
    void withoutTheEtcdClientTheStepNamesTheCliInsteadOfALinkageError() throws Exception {
        ClassLoader withoutJetcd = new ClassLoader(null) { };

        assertThatThrownBy(() -> EtcdSnapshotCallable.requireEtcdClient(withoutJetcd))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("does not bundle")
                .hasMessageContaining("etcd-snapshot");
        EtcdSnapshotCallable.requireEtcdClient(EtcdSnapshotCallable.class.getClassLoader()); // the offline build has jetcd
    }
}
