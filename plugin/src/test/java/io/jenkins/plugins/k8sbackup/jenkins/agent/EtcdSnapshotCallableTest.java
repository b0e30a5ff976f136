package io.jenkins.plugins.k8sbackup.jenkins.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotManifest;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotResult;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotRun;
import io.jenkins.plugins.k8sbackup.etcd.EtcdVerifyResult;
import io.jenkins.plugins.k8sbackup.jenkins.credentials.EtcdTls;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The PEM material resolved from credentials reaches the engine unchanged, and no TLS means plain connections; the
 * step's outcome is the snapshot's and its verification's worse, in the report too.
 */
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

    @Test
    void aSnapshotWhoseTrialRestoreCouldNotRunIsReportedPartiallyFailed() {
        EtcdSnapshotManifest m = new EtcdSnapshotManifest(1, "etcd", "nightly", Instant.EPOCH, Instant.EPOCH,
                BackupStatus.Completed, 1, 1, Map.of(), "3.5.0", 100, 1, "c1", "https://10.0.0.10:2379", List.of(),
                "snapshot.db", 1, "s", "s", false, null, 100L, 100L, null, List.of());
        EtcdVerifyResult skipped = new EtcdVerifyResult("nightly", BackupStatus.PartiallyFailed, List.of("no etcdctl"),
                List.of(), null, true, true, EtcdVerifyResult.TrialRestore.SKIPPED, null, null, null, null, null, null, 1);

        StepOutcome out = EtcdSnapshotCallable.outcome(new EtcdSnapshotRun(new EtcdSnapshotResult(m, "/s/", "k", "mk", 1), skipped));

        assertThat(out.status()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(out.report()).containsEntry("status", "PartiallyFailed").containsKey("verify");
        assertThat(out.errors()).containsExactly("no etcdctl");
        assertThat(out.summary()).contains("trial restore SKIPPED");
    }
}
