package io.jenkins.plugins.k8sbackup.etcd;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code etcdctl} (v3 API; etcd 3.4 has no etcdutl) for snapshot status and restore. */
final class Etcdctl {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private final Path binary;

    Etcdctl(Path binary) {
        this.binary = binary;
    }

    /** What {@code etcdctl snapshot status -w json} prints; totalKey counts every bbolt key, not just user keys. */
    record Status(long hash, long revision, @JsonProperty("totalKey") long totalKey, long totalSize) {}

    Status status(Path snapshot) throws IOException {
        String out = run(List.of("snapshot", "status", snapshot.toString(), "-w", "json"));
        return Json.MAPPER.readValue(out.substring(out.indexOf('{')), Status.class);
    }

    void restore(Path snapshot, Path dataDir, String memberName, String peerUrl) throws IOException {
        run(List.of("snapshot", "restore", snapshot.toString(), "--data-dir", dataDir.toString(),
                "--name", memberName, "--initial-cluster", memberName + "=" + peerUrl,
                "--initial-advertise-peer-urls", peerUrl, "--initial-cluster-token", "k8s-backup-verify"));
    }

    private String run(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ETCDCTL"));
        pb.environment().put("ETCDCTL_API", "3");
        Process p = pb.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("etcdctl " + String.join(" ", args) + " did not finish within " + TIMEOUT.toMinutes() + " min");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("etcdctl " + args.get(0) + " " + args.get(1) + " failed (exit " + p.exitValue() + "): "
                        + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running etcdctl", e);
        }
    }
}
