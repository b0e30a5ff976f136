package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** How to reach the cluster, shared by every command that talks to one; the kubeconfig is found as kubectl finds it. */
final class ClusterOptions {
    @Option(names = "--kubeconfig", description = "kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--context", description = "kubeconfig context (default: the current context)")
    String context;

    @Option(names = "--qps", defaultValue = "0", description = "hard cap on requests a second; the rate adapts to the API "
            + "server below it (grows while writes succeed, backs off on 429 and rising latency). Default: no cap")
    double qps;

    @Option(names = "--burst", defaultValue = "100", description = "requests that may go at once before the rate applies (default: ${DEFAULT-VALUE})")
    int burst;

    KubeTarget target() throws IOException {
        Path file = kubeconfig != null ? kubeconfig : defaultKubeconfig(System.getenv(), home(System.getenv()));
        return KubeTarget.fromFile(file, context, qps, burst);
    }

    /** $HOME as kubectl reads it; Java's user.home (the password database's entry) where it is unset. */
    static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    /**
     * kubectl's order: $KUBECONFIG, else ~/.kube/config. kubectl merges a list in $KUBECONFIG; one file is read here,
     * the first of the list that exists, and the error says so when none does.
     */
    static Path defaultKubeconfig(Map<String, String> env, Path home) {
        String list = env.get("KUBECONFIG");
        if (list != null && !list.isBlank()) {
            for (String entry : list.split(File.pathSeparator)) {
                if (!entry.isBlank() && Files.isRegularFile(Path.of(entry))) {
                    return Path.of(entry);
                }
            }
            throw new IllegalArgumentException("no file of $KUBECONFIG (" + list + ") exists: fix it or give --kubeconfig FILE");
        }
        Path standard = home.resolve(".kube").resolve("config");
        if (Files.isRegularFile(standard)) {
            return standard;
        }
        throw new IllegalArgumentException("no kubeconfig: give --kubeconfig FILE, set $KUBECONFIG, or create " + standard);
    }
}
