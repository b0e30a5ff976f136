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
 * A throwaway single-member etcd on loopback: used to prove that a restored data directory boots and to
 * count its keys, and by the tests as a real server. Output goes to {@code <dataDir>.log}.
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

    /**
     * Starts etcd on {@code dataDir} (new or restored) and waits until it serves clients.
     * {@code clientScheme} is "http" or "https" (then {@code extraArgs} carry the TLS flags).
     */
    public static LocalEtcd start(Path etcd, Path dataDir, String memberName, Ports ports, String clientScheme,
                                  List<String> extraArgs, Duration timeout) throws IOException {
        URI client = URI.create(clientScheme + "://127.0.0.1:" + ports.client());
        List<String> cmd = new ArrayList<>(List.of(etcd.toString(),
                "--name", memberName, "--data-dir", dataDir.toString(),
                "--listen-client-urls", client.toString(), "--advertise-client-urls", client.toString(),
                "--listen-peer-urls", ports.peerUrl(), "--initial-advertise-peer-urls", ports.peerUrl(),
                "--initial-cluster", memberName + "=" + ports.peerUrl(),
                "--initial-cluster-token", "k8s-backup-" + memberName));
        cmd.addAll(extraArgs);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ETCD")); // a CI job's ETCD_* settings must not leak in
        LocalEtcd started = new LocalEtcd(pb.start(), client, log);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!started.logText().contains(READY)) {
                if (!started.process.isAlive()) {
                    throw new IOException("etcd exited with " + started.process.exitValue() + " before serving: " + started.logTail());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("etcd did not become ready within " + timeout.toSeconds() + " s: " + started.logTail());
                }
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            started.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting etcd", e);
            }
            throw (IOException) e;
        }
        return started;
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
