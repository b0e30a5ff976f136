package io.jenkins.plugins.k8sbackup.etcd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian etcd on free loopback ports with its own temp data directory. Tests using it are skipped
 * (not failed) only when /usr/bin/etcd is missing; CI installs etcd-server so they run there.
 */
final class EtcdServerFixture implements AutoCloseable {
    static final Path ETCD = Path.of("/usr/bin/etcd");
    private final LocalEtcd server;
    private final Path dir;

    private EtcdServerFixture(LocalEtcd server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    static void assumeEtcdInstalled() {
        assumeTrue(Files.isExecutable(ETCD), "etcd is not installed (apt-get install etcd-server etcd-client)");
    }

    static EtcdServerFixture start(Path parent, String name) throws IOException {
        return start(parent, name, "http", List.of());
    }

    static EtcdServerFixture start(Path parent, String name, String scheme, List<String> extraArgs) throws IOException {
        return startOn(parent.resolve(name), name, scheme, extraArgs);
    }

    /** Starts on an existing (e.g. restored) data directory, or a new one. */
    static EtcdServerFixture startOn(Path dataDir, String name, String scheme, List<String> extraArgs) throws IOException {
        assumeEtcdInstalled();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port may be taken again before etcd binds it
            try {
                return new EtcdServerFixture(LocalEtcd.start(ETCD, dataDir, name, LocalEtcd.Ports.free(), scheme, extraArgs,
                        Duration.ofSeconds(20)), dataDir);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    URI url() {
        return server.clientUrl();
    }

    EtcdConnection connection() {
        return new EtcdConnection(List.of(url()), null, null, null, Duration.ofSeconds(5));
    }

    Client client() {
        return Client.builder().endpoints(url()).build();
    }

    LocalEtcd server() {
        return server;
    }

    Path dataDir() {
        return dir;
    }

    /** Puts {@code count} keys "/registry/test/key-NNNNN" with values of {@code valueBytes}; returns them. */
    Map<String, String> putKeys(int count, int valueBytes) throws Exception {
        try (Client c = client()) {
            return putKeys(c, "/registry/test/key-", count, valueBytes);
        }
    }

    /** Every key under the prefix, read back in pages. */
    Map<String, String> readPrefix(String prefix) throws Exception {
        try (Client c = client()) {
            return readPrefix(c, prefix);
        }
    }

    /** Puts {@code count} keys prefix + "NNNNN" with values of {@code valueBytes}, 256 in flight; returns them. */
    static Map<String, String> putKeys(Client c, String prefix, int count, int valueBytes) throws Exception {
        Map<String, String> written = new LinkedHashMap<>();
        List<CompletableFuture<?>> inflight = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String k = String.format("%s%05d", prefix, i);
            String v = ("value-" + i + "-").repeat(valueBytes / 6 + 1).substring(0, Math.max(1, valueBytes));
            written.put(k, v);
            inflight.add(c.getKVClient().put(bytes(k), bytes(v)));
            if (inflight.size() == 256) {
                CompletableFuture.allOf(inflight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                inflight.clear();
            }
        }
        CompletableFuture.allOf(inflight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return written;
    }

    static Map<String, String> readPrefix(Client c, String prefix) throws Exception {
        Map<String, String> read = new LinkedHashMap<>();
        ByteSequence end = bytes(prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1));
        ByteSequence start = bytes(prefix);
        while (true) {
            List<KeyValue> page = c.getKVClient().get(start, GetOption.builder().withRange(end).withLimit(500).build())
                    .get(30, TimeUnit.SECONDS).getKvs();
            for (KeyValue kv : page) {
                read.put(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().toString(StandardCharsets.UTF_8));
            }
            if (page.size() < 500) {
                return read;
            }
            start = bytes(page.get(page.size() - 1).getKey().toString(StandardCharsets.UTF_8) + "\0");
        }
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
