package io.jenkins.plugins.k8sbackup.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Member flags come from the recorded member list unless overridden; the printed command is shell-exact. */
class RestoreTopologyTest {
    static EtcdSnapshotManifest manifest(List<EtcdMember> members) {
        return new EtcdSnapshotManifest(1, "etcd", "nightly", Instant.EPOCH, Instant.EPOCH, BackupStatus.Completed, 1, 1,
                Map.of(), "3.4.23", 100, 1, "c1", "https://10.0.0.10:2379", members, "snapshot.db", 1, "s", "s", false,
                null, 100L, 100L, null, List.of());
    }

    static EtcdMember member(String id, String name, String peer, boolean learner) {
        return new EtcdMember(id, name, peer == null ? List.of() : List.of(peer), List.of(), learner);
    }

    static final EtcdSnapshotManifest THREE = manifest(List.of(
            member("c", "cp3", "https://10.0.0.12:2380", false),
            member("a", "cp1", "https://10.0.0.10:2380", false),
            member("b", "cp2", "https://10.0.0.11:2380", false)));

    @Test
    void aSameTopologyRestoreNeedsOnlyTheMemberName() {
        RestoreTopology t = RestoreTopology.of(THREE, null, null);
        MemberPlan cp2 = t.member("cp2", null);

        assertThat(cp2.initialCluster())
                .isEqualTo("cp1=https://10.0.0.10:2380,cp2=https://10.0.0.11:2380,cp3=https://10.0.0.12:2380");
        assertThat(cp2.initialAdvertisePeerUrls()).isEqualTo("https://10.0.0.11:2380");
        assertThat(cp2.initialClusterToken()).isEqualTo("restore-nightly");
        assertThat(t.members()).extracting(MemberPlan::member).containsExactly("cp1", "cp2", "cp3");
        assertThat(cp2.shellCommand("etcdctl", "nightly.db", "/var/lib/etcd-restored")).isEqualTo(
                "ETCDCTL_API=3 etcdctl snapshot restore nightly.db --name cp2 --data-dir /var/lib/etcd-restored"
                        + " --initial-cluster cp1=https://10.0.0.10:2380,cp2=https://10.0.0.11:2380,cp3=https://10.0.0.12:2380"
                        + " --initial-cluster-token restore-nightly --initial-advertise-peer-urls https://10.0.0.11:2380");
        assertThat(cp2.shellCommand("etcdutl", "my snap's.db", "/d")).startsWith("etcdutl snapshot restore 'my snap'\\''s.db' ");
    }

    @Test
    void learnersAndUnstartedMembersAreLeftOutWithANote() {
        RestoreTopology t = RestoreTopology.of(manifest(List.of(member("a", "cp1", "http://10.0.0.10:2380", false),
                member("b", "", "http://10.0.0.11:2380", false), member("c", "cp3", "http://10.0.0.12:2380", true))), null, null);

        assertThat(t.memberNames()).containsExactly("cp1");
        assertThat(t.notes()).anyMatch(n -> n.contains("member b has no name")).anyMatch(n -> n.contains("learner cp3"));
        assertThatThrownBy(() -> RestoreTopology.of(manifest(List.of()), null, null))
                .hasMessageContaining("records no member to restore");
    }

    @Test
    void overridesReplaceTheRecordedTopology() {
        RestoreTopology t = RestoreTopology.of(THREE, "n1=https://192.168.1.1:2380, n1=https://[fd00::1]:2380,n2=http://n2:2380",
                "fresh");
        MemberPlan n1 = t.member("n1", null);

        assertThat(n1.initialCluster()).isEqualTo("n1=https://192.168.1.1:2380,n1=https://[fd00::1]:2380,n2=http://n2:2380");
        assertThat(n1.initialAdvertisePeerUrls()).isEqualTo("https://192.168.1.1:2380,https://[fd00::1]:2380");
        assertThat(n1.initialClusterToken()).isEqualTo("fresh");
        assertThat(t.member("n2", "http://10.1.1.2:2380").initialAdvertisePeerUrls()).isEqualTo("http://10.1.1.2:2380");
        assertThatThrownBy(() -> t.member("cp1", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("member 'cp1' is not in --initial-cluster (n1, n2)");
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertThatThrownBy(() -> RestoreTopology.of(THREE, "cp1", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must look like NAME=https://10.0.0.10:2380");
        assertThatThrownBy(() -> RestoreTopology.of(THREE, "cp1=10.0.0.10:2380", null))
                .hasMessageContaining("is not a peer URL");
        assertThatThrownBy(() -> RestoreTopology.of(THREE, null, " ")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> RestoreTopology.of(THREE, null, null).member("cp1", "ftp://x:1"))
                .hasMessageContaining("--initial-advertise-peer-urls");
        assertThatThrownBy(() -> RestoreTopology.of(THREE, null, null).member("cp9", null))
                .hasMessageContaining("not in the member list recorded with snapshot 'nightly' (cp1, cp2, cp3)");
    }
}
