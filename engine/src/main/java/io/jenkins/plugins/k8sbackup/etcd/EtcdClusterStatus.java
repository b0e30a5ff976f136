package io.jenkins.plugins.k8sbackup.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.etcd.jetcd.options.GetOption;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What etcd says about itself just before a snapshot: version and db size of the member answering at
 * {@code endpoint}, the cluster's current revision and its member list.
 */
public record EtcdClusterStatus(String endpoint, String etcdVersion, long dbSize, long revision, String clusterId,
                                List<EtcdMember> members) {

    static EtcdClusterStatus read(Client client, EtcdConnection c) throws EtcdSnapshotException {
        GetResponse probe = probeRevision(client, c);
        List<EtcdMember> members = EtcdClients.await(client.getClusterClient().listMember(), c, "listing etcd members")
                .getMembers().stream()
                .map(m -> new EtcdMember(Long.toHexString(m.getId()), m.getName(), EtcdClients.strings(m.getPeerURIs()),
                        EtcdClients.strings(m.getClientURIs()), m.isLearner()))
                .toList();
        EtcdSnapshotException last = null;
        for (URI e : c.endpoints()) {
            try {
                StatusResponse s = EtcdClients.await(client.getMaintenanceClient().statusMember(e.getHost() + ":" + e.getPort()),
                        c, "reading the status of " + e);
                return new EtcdClusterStatus(e.toString(), s.getVersion(), s.getDbSize(), probe.getHeader().getRevision(),
                        Long.toHexString(probe.getHeader().getClusterId()), members);
            } catch (EtcdSnapshotException unreachableMember) {
                last = unreachableMember;
            }
        }
        throw last;
    }

    /** The cluster's current revision. */
    static long revision(Client client, EtcdConnection c) throws EtcdSnapshotException {
        return probeRevision(client, c).getHeader().getRevision();
    }

    private static GetResponse probeRevision(Client client, EtcdConnection c) throws EtcdSnapshotException {
        // A count-only read of a single key is the cheapest call whose header carries the current revision.
        return EtcdClients.await(client.getKVClient().get(ByteSequence.from("k8s-backup/revision-probe", StandardCharsets.UTF_8),
                GetOption.builder().withCountOnly(true).build()), c, "reading the etcd revision");
    }
}
