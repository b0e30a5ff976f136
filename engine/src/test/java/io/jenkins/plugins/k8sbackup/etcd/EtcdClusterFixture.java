package io.jenkins.plugins.k8sbackup.etcd;

import io.etcd.jetcd.Client;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real multi-member etcd cluster on loopback (Debian's etcd, skipped when missing like {@link EtcdServerFixture}):
 * every member is launched first, then awaited, because a member serves only once a quorum runs. The same
 * members can be started again on restored data directories.
 */
final class EtcdClusterFixture implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(30);
    final List<LocalEtcd.Member> members;
    final List<Path> dataDirs;
    private final List<LocalEtcd> servers = new ArrayList<>();
    private final EtcdTls tls;

    private EtcdClusterFixture(List<LocalEtcd.Member> members, List<Path> dataDirs, EtcdTls tls) {
        this.members = members;
        this.dataDirs = dataDirs;
        this.tls = tls;
    }

    /** {@code count} members named prefix1..N on free loopback ports. */
    static List<LocalEtcd.Member> newMembers(int count, String prefix, String clientScheme, String peerScheme) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new LocalEtcd.Member(prefix + i, LocalEtcd.Ports.free(), clientScheme, peerScheme)).toList();
    }

    /** Starts the members on {@code dataDirs} (new, or restored), with {@code extraArgs} (TLS flags) for each. */
    static EtcdClusterFixture start(List<LocalEtcd.Member> members, List<Path> dataDirs, String token, List<String> extraArgs,
                                    EtcdTls clientTls) throws IOException {
        EtcdServerFixture.assumeEtcdInstalled();
        EtcdClusterFixture cluster = new EtcdClusterFixture(members, dataDirs, clientTls);
        String initialCluster = members.stream().map(LocalEtcd.Member::clusterEntry).collect(Collectors.joining(","));
        try {
            for (int i = 0; i < members.size(); i++) {
                cluster.servers.add(LocalEtcd.launch(EtcdServerFixture.ETCD, dataDirs.get(i), members.get(i), initialCluster,
                        token, extraArgs));
            }
            for (LocalEtcd server : cluster.servers) {
                server.awaitReady(READY);
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    List<URI> clientUrls() {
        return members.stream().map(LocalEtcd.Member::clientUrl).toList();
    }

    EtcdConnection connection() {
        return new EtcdConnection(clientUrls(), tls, null, null, Duration.ofSeconds(10));
    }

    /** A client of the whole cluster (TLS as configured). */
    Client client() throws EtcdSnapshotException {
        return EtcdClients.open(connection());
    }

    /** A client of one member only. */
    Client client(int member) throws EtcdSnapshotException {
        return EtcdClients.open(new EtcdConnection(List.of(clientUrls().get(member)), tls, null, null, Duration.ofSeconds(10)));
    }

    @Override
    public void close() {
        servers.forEach(LocalEtcd::close);
    }
}
