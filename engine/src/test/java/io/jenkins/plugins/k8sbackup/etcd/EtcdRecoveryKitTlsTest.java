package io.jenkins.plugins.k8sbackup.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kit as kubeadm runs etcd: TLS between members (peer certificates, peer client-certificate auth) and from
 * clients (server certificate, client-certificate auth). The kept PKI is the very one the cluster runs with.
 */
class EtcdRecoveryKitTlsTest extends RecoveryKitScenario {
    @Override
    String scheme() {
        return "https";
    }

    @Override
    List<String> serverArgs() {
        List<String> args = new ArrayList<>(pki.etcdServerArgs());
        args.addAll(pki.etcdPeerArgs());
        return args;
    }

    @Override
    EtcdTls clientTls() throws IOException {
        return EtcdTls.fromFiles(pki.file("ca.crt"), pki.file("client-ec.crt"), pki.file("client-ec.key"));
    }

    @Test
    void theRecordedMembersAndThePlanUseTheHttpsPeerUrls() throws IOException {
        assertThat(kit.members()).allSatisfy(m -> assertThat(m.peerUrls()).allMatch(u -> u.startsWith("https://127.0.0.1:")));
        EtcdRestorePlan plan = EtcdRestorePlan.of(storage, "kit", null, null, null);
        assertThat(plan.members()).allSatisfy(m -> assertThat(m.command())
                .contains("--data-dir /var/lib/etcd-restored")
                .contains("--initial-advertise-peer-urls https://127.0.0.1:"));
    }
}
