package io.jenkins.plugins.k8sbackup.bench.cli;

import io.jenkins.plugins.k8sbackup.bench.LoadAverage;
import io.jenkins.plugins.k8sbackup.bench.MockClusterProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What encryption costs a CLI user, start-up and JIT included (EncryptedSizeBench measures it in one warm JVM, as a
 * Jenkins agent runs it): backups of the same N ConfigMaps and Secrets (1-4 KiB) through the launcher without
 * encryption, with {@code --encrypt all} and a key file, and with {@code --encrypt all} and a passphrase, whole
 * processes, rounds rotating the order. Prints wall and CPU seconds, medians and ratios to the plain backup.
 * Args: [objects, default 10000] [rounds, default 5]; -Dlauncher=PATH (default cli/target/k8s-backup).
 */
public final class CliEncryptionBench {
    private CliEncryptionBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String launcher = System.getProperty("launcher", "cli/target/k8s-backup");
        Path dir = Files.createTempDirectory("cli-encryption-bench");
        Path kubeconfig = dir.resolve("kubeconfig");
        Path out = dir.resolve("out.txt");
        Path keyFile = dir.resolve("key.hex");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(keyFile, HexFormat.of().formatHex(key));
        Path passphraseFile = dir.resolve("passphrase.txt");
        Files.writeString(passphraseFile, "a bench passphrase, long enough " + HexFormat.of().formatHex(key, 0, 4));
        System.out.printf("cpus=%d, java %s, %d objects, %d rounds, launcher %s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), n, rounds, launcher, LoadAverage.now());
        try (MockClusterProcess api = new MockClusterProcess(kubeconfig, "seed=" + n, "2g")) {
            Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString());
            String storage = dir.resolve("store").toUri().toString();
            List<String> backup = List.of(launcher, "backup", "-q", "-n", "bench", "--storage", storage);
            Map<String, List<String>> tools = new LinkedHashMap<>();
            tools.put("plain", backup);
            tools.put("key", concat(backup, "--encrypt", "all", "--encryption-key-file", keyFile.toString()));
            tools.put("passphrase", concat(backup, "--encrypt", "all", "--encryption-passphrase-file", passphraseFile.toString()));
            RotatingRounds.run(tools, rounds, env, out, (tool, r) -> List.of("--name", tool + "-" + r)).printMedians("plain");
        }
        System.out.printf("load average at end: %s%n", LoadAverage.now());
    }

    private static List<String> concat(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }
}
