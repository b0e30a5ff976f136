package io.jenkins.plugins.k8sbackup.bench.cli;

import io.jenkins.plugins.k8sbackup.bench.MockClusterProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The start-up-bound case: a backup of one namespace of N objects (default 1000, a typical pre-deploy namespace) by
 * our CLI as a whole process, through its launcher (class-data-sharing archive, C1 only) and as a bare
 * {@code java -jar} (what the launcher saves), against {@code kubectl get <every namespaced type> -n NS -o json} on the
 * same embedded API, rounds alternating the order. Prints medians, ratios to kubectl and the core count.
 * Args: [objects, default 1000] [rounds, default 5]; -Dlauncher=PATH (default cli/target/k8s-backup), -Dkubectl=PATH.
 */
public final class SmallBackupBench {
    private SmallBackupBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String launcher = System.getProperty("launcher", "cli/target/k8s-backup");
        String jar = Path.of(launcher).resolveSibling("k8s-backup.jar").toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String kubectl = System.getProperty("kubectl", "kubectl");
        Path dir = Files.createTempDirectory("small-backup-bench");
        Path kubeconfig = dir.resolve("kubeconfig");
        Path out = dir.resolve("out.txt");
        System.out.printf("cpus=%d, java %s, %d objects, %d rounds, launcher %s (archive %s)%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), n, rounds, launcher,
                Files.isReadable(Path.of(jar).resolveSibling("k8s-backup.jsa")) ? "present" : "MISSING");
        try (MockClusterProcess api = new MockClusterProcess(kubeconfig, "seed=" + n, "1g")) {
            Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString());
            TimedProcess.run(List.of(kubectl, "api-resources", "--namespaced", "-o", "name", "--verbs=list"), env, out);
            String types = String.join(",", Files.readAllLines(out));
            String storage = dir.resolve("store").toUri().toString();
            Map<String, List<String>> tools = new LinkedHashMap<>();
            tools.put("kubectl", List.of(kubectl, "get", types, "-n", "bench", "-o", "json"));
            tools.put("launcher", List.of(launcher, "backup", "-q", "-n", "bench", "--storage", storage));
            tools.put("java-jar", List.of(java, "-jar", jar, "backup", "-q", "-n", "bench", "--storage", storage));
            RotatingRounds.run(tools, rounds, env, out, (tool, r) -> tool.equals("kubectl") ? List.of()
                    : List.of("--name", tool + "-" + r)).printMedians("kubectl");
        }
    }
}
