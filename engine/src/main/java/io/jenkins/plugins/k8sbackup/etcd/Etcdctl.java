package io.jenkins.plugins.k8sbackup.etcd;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real etcd snapshot tool for {@code snapshot status} and {@code snapshot restore}: {@code etcdutl} where
 * installed (etcd 3.5+; 3.6's etcdctl no longer restores), otherwise {@code etcdctl} with the v3 API (etcd 3.4
 * has no etcdutl). Both take the same snapshot flags.
 */
final class Etcdctl {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern VERSION = Pattern.compile("version:\\s*v?(\\d+\\.\\d+\\.\\d+\\S*)");
    private final Path binary;

    Etcdctl(Path binary) {
        this.binary = binary;
    }

    /** etcdutl if installed, else etcdctl, else empty. */
    static Optional<Etcdctl> find() {
        return LocalEtcd.findProgram("etcdutl").or(() -> LocalEtcd.findProgram("etcdctl")).map(Etcdctl::new);
    }

    /** "etcdutl" or "etcdctl". */
    String program() {
        return binary.getFileName().toString();
    }

    Path binary() {
        return binary;
    }

    /** What {@code snapshot status -w json} prints; totalKey counts every bbolt key, not just user keys. */
    record Status(long hash, long revision, @JsonProperty("totalKey") long totalKey, long totalSize) {}

    Status status(Path snapshot) throws IOException {
        String out = run(List.of("snapshot", "status", snapshot.toString(), "-w", "json"));
        return Json.MAPPER.readValue(out.substring(out.indexOf('{')), Status.class);
    }

    /** The tool's own version, e.g. "3.4.23", from {@code <tool> version}. */
    String version() throws IOException {
        String out = run(List.of("version"));
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw new IOException(program() + " version printed no version: " + out.strip());
        }
        return m.group(1);
    }

    /** {major, minor} of a version such as "3.4.23" or "v3.5.9", or null when it is not one. */
    static int[] majorMinor(String version) {
        Matcher m = version == null ? null : Pattern.compile("^v?(\\d+)\\.(\\d+)").matcher(version);
        return m != null && m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }

    /** Whether {@code a} is an older minor version than {@code b}; false when either is unknown. */
    static boolean olderMinor(String a, String b) {
        int[] x = majorMinor(a);
        int[] y = majorMinor(b);
        return x != null && y != null && (x[0] < y[0] || x[0] == y[0] && x[1] < y[1]);
    }

    /** A single-member restore, for trial restores. */
    void restore(Path snapshot, Path dataDir, String memberName, String peerUrl) throws IOException {
        restore(snapshot, dataDir, new MemberPlan(memberName, memberName + "=" + peerUrl, "k8s-backup-verify", peerUrl));
    }

    void restore(Path snapshot, Path dataDir, MemberPlan member) throws IOException {
        run(member.restoreArgs(snapshot.toString(), dataDir.toString()));
    }

    private String run(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ETCDCTL") || k.startsWith("ETCDUTL"));
        pb.environment().put("ETCDCTL_API", "3");
        Process p = pb.start();
        String what = program() + " " + String.join(" ", args.subList(0, Math.min(2, args.size())));
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " did not finish within " + TIMEOUT.toMinutes() + " min");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(what + " failed (exit " + p.exitValue() + "): " + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + program(), e);
        }
    }
}
