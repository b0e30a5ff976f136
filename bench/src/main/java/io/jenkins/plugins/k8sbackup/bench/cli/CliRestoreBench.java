package io.jenkins.plugins.k8sbackup.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.bench.LoadAverage;
import io.jenkins.plugins.k8sbackup.bench.MockClusterProcess;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Our CLI's restore at its defaults (through the launcher) against {@code kubectl create -f} of the same objects, as
 * whole processes, on the same embedded API (a child JVM, no simulated controllers), rounds alternating which goes
 * first. Each run gets a fresh API holding the same N seeded objects (ConfigMaps and Secrets of 1-4 KiB, from
 * {@code seed=N}), since the CRUD mock's cost per write grows with what it stores, and writes them again into
 * another namespace. kubectl runs with {@code --validate=false}: the embedded API serves no
 * OpenAPI document kubectl can parse (a real cluster's validation happens on the server anyway). Prints wall and CPU seconds per round, medians and the ratios.
 * Args: [objects, default 2000] [rounds, default 3]; -Dlauncher=PATH (default cli/target/k8s-backup), -Dkubectl=PATH.
 */
public final class CliRestoreBench {
    private CliRestoreBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String launcher = System.getProperty("launcher", "cli/target/k8s-backup");
        String kubectl = System.getProperty("kubectl", "kubectl");
        Path dir = Files.createTempDirectory("cli-restore-bench");
        Path kubeconfig = dir.resolve("kubeconfig");
        Path out = dir.resolve("out.txt");
        System.out.printf("cpus=%d, java %s, %d objects, %d rounds, launcher %s, load average at start %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), n, rounds, launcher, LoadAverage.now());
        Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString());
        String storage = dir.resolve("store").toUri().toString();
        ArrayNode items;
        try (MockClusterProcess api = new MockClusterProcess(kubeconfig, "seed=" + n, "2g")) {
            TimedProcess.run(List.of(launcher, "backup", "-q", "-n", "bench", "--include-resources", "configmaps,secrets",
                    "--include-cluster-resources", "false", "--storage", storage, "--name", "src"), env, out);
            TimedProcess.run(List.of(kubectl, "get", "configmaps,secrets", "-n", "bench", "-o", "json"), env, dir.resolve("list.json"));
            items = (ArrayNode) Json.MAPPER.readTree(dir.resolve("list.json").toFile()).path("items");
        }
        List<Double> cliWall = new ArrayList<>(), cliCpu = new ArrayList<>(), kWall = new ArrayList<>(), kCpu = new ArrayList<>();
        double apiCpu = 0;
        System.out.printf("%-6s %-8s %9s %9s %10s %9s %s%n", "round", "tool", "seconds", "cpu s", "objects/s", "api cpu s", "load");
        for (int r = 1; r <= rounds; r++) {
            for (int k = 0; k < 2; k++) {
                boolean cliTurn = (r + k) % 2 == 1; // odd rounds: CLI first
                String ns = cliTurn ? "cli" : "kubectl";
                TimedProcess t;
                try (MockClusterProcess api = new MockClusterProcess(kubeconfig, "seed=" + n, "2g")) {
                    double api0 = api.cpuSeconds();
                    if (cliTurn) {
                        t = TimedProcess.run(List.of(launcher, "restore", "src", "-q", "--storage", storage,
                                "--namespace-map", "bench=" + ns), env, out);
                        cliWall.add(t.seconds());
                        cliCpu.add(t.cpuSeconds());
                    } else {
                        Path file = dir.resolve(ns + ".json");
                        Json.MAPPER.writeValue(file.toFile(), createList(items, ns));
                        t = TimedProcess.run(List.of(kubectl, "create", "--validate=false", "-f", file.toString(), "-o", "name"), env, out);
                        kWall.add(t.seconds());
                        kCpu.add(t.cpuSeconds());
                        long lines = Files.lines(out).count();
                        if (lines != n) {
                            throw new IllegalStateException("kubectl created " + lines + " of " + n);
                        }
                    }
                    double used = api.cpuSeconds() - api0;
                    apiCpu += used;
                    System.out.printf("%-6d %-8s %9.2f %9.2f %10.0f %9.2f %s%n", r, cliTurn ? "cli" : "kubectl", t.seconds(), t.cpuSeconds(),
                            n / t.seconds(), used, LoadAverage.now());
                }
            }
        }
        double cw = TimedProcess.median(cliWall), kw = TimedProcess.median(kWall);
        System.out.printf("median wall: cli %.2f s (%s), kubectl create -f %.2f s (%s): cli takes %.2fx kubectl's time (%s)%n",
                cw, TimedProcess.range(cliWall), kw, TimedProcess.range(kWall), cw / kw, cw <= kw ? "at least as fast" : "slower");
        System.out.printf("median client CPU per object: cli %.0f us, kubectl %.0f us (whole process, start-up included)%n",
                TimedProcess.median(cliCpu) / n * 1e6, TimedProcess.median(kCpu) / n * 1e6);
        System.out.printf("embedded API CPU in the measured runs: %.1f s; load average at the end %s%n", apiCpu, LoadAverage.now());
    }

    /** The objects as {@code kubectl create -f} takes them: a List, server-set fields removed, in namespace {@code ns}. */
    static ObjectNode createList(ArrayNode items, String ns) {
        ObjectNode list = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        ArrayNode out = list.putArray("items");
        for (JsonNode item : items) {
            ObjectNode o = item.deepCopy();
            ObjectNode meta = (ObjectNode) o.path("metadata");
            meta.remove(List.of("uid", "resourceVersion", "creationTimestamp", "managedFields", "generation"));
            meta.put("namespace", ns);
            out.add(o);
        }
        return list;
    }
}
