package io.jenkins.plugins.k8sbackup.etcd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway etcd member on loopback: used to prove that a restored data directory boots and to count its
 * keys, and by the tests as a real server or cluster. Output goes to {@code <dataDir>.log}.
 */
public final class LocalEtcd implements AutoCloseable {
    private static final String READY = "ready to serve client requests";
    private final Process process;
    private final URI clientUrl;
    private final Path log;

    /** Two loopback ports that were free a moment ago. */
    public record Ports(int client, int peer) {
        public static Ports free() {
            try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return new Ports(a.getLocalPort(), b.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String peerUrl() {
            return "http://127.0.0.1:" + peer;
        }
    }

    private LocalEtcd(Process process, URI clientUrl, Path log) {
        this.process = process;
        this.clientUrl = clientUrl;
        this.log = log;
    }

    /** A program on PATH (or in /usr/bin, /usr/local/bin), e.g. "etcd" or "etcdctl". */
    public static Optional<Path> findProgram(String program) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/bin", "/usr/local/bin"));
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
    }

    /** One loopback member: its name, ports and the schemes of its client and peer URLs ("http" or "https"). */
    public record Member(String name, Ports ports, String clientScheme, String peerScheme) {
        public URI clientUrl() {
            return URI.create(clientScheme + "://127.0.0.1:" + ports.client());
        }

        public String peerUrl() {
            return peerScheme + "://127.0.0.1:" + ports.peer();
        }

        /** "name=peerUrl", this member's entry in {@code --initial-cluster}. */
        public String clusterEntry() {
            return name + "=" + peerUrl();
        }
    }

    /**
     * Starts etcd on {@code dataDir} (new or restored) as a single-member cluster and waits until it serves clients.
     * {@code clientScheme} is "http" or "https" (then {@code extraArgs} carry the TLS flags).
     */
    public static LocalEtcd start(Path etcd, Path dataDir, String memberName, Ports ports, String clientScheme,
                                  List<String> extraArgs, Duration timeout) throws IOException {
        Member member = new Member(memberName, ports, clientScheme, "http");
        return launch(etcd, dataDir, member, member.clusterEntry(), "k8s-backup-" + memberName, extraArgs)
                .awaitReady(timeout);
    }

    /**
     * Starts one member of a cluster without waiting: a member of a multi-member cluster serves only once a
     * quorum of its peers runs, so callers launch every member first, then {@link #awaitReady} each.
     * On a restored data directory etcd ignores {@code initialCluster} and {@code token}.
     */
    public static LocalEtcd launch(Path etcd, Path dataDir, Member member, String initialCluster, String token,
                                   List<String> extraArgs) throws IOException {
        URI client = member.clientUrl();
        List<String> cmd = new ArrayList<>(List.of(etcd.toString(),
                "--name", member.name(), "--data-dir", dataDir.toString(),
                "--listen-client-urls", client.toString(), "--advertise-client-urls", client.toString(),
                "--listen-peer-urls", member.peerUrl(), "--initial-advertise-peer-urls", member.peerUrl(),
                "--initial-cluster", initialCluster, "--initial-cluster-token", token));
        cmd.addAll(extraArgs);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ETCD")); // a CI job's ETCD_* settings must not leak in
        return new LocalEtcd(pb.start(), client, log);
    }

    /** Waits until this member serves clients; stops it and throws if it exits or the timeout passes first. */
    public LocalEtcd awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!logText().contains(READY)) {
                if (!process.isAlive()) {
                    throw new IOException("etcd exited with " + process.exitValue() + " before serving: " + logTail());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("etcd did not become ready within " + timeout.toSeconds() + " s: " + logTail());
                }
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting etcd", e);
            }
            throw (IOException) e;
        }
        return this;
    }

    public URI clientUrl() {
        return clientUrl;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Hard stop, as when a machine dies. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    public String logTail() {
        try {
            String text = logText();
            return text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
