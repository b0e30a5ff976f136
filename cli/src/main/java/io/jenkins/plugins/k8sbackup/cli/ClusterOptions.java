package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to reach the cluster, shared by every command that talks to one. */
final class ClusterOptions {
    @Option(names = "--kubeconfig", required = true, description = "kubeconfig file")
    Path kubeconfig;

    @Option(names = "--context", description = "kubeconfig context (default: the current context)")
    String context;

    @Option(names = "--qps", defaultValue = "50", description = "client-side request rate limit (default: ${DEFAULT-VALUE})")
    double qps;

    @Option(names = "--burst", defaultValue = "100", description = "client-side burst (default: ${DEFAULT-VALUE})")
    int burst;

    KubeTarget target() throws IOException {
        return KubeTarget.fromFile(kubeconfig, context, qps, burst);
    }
}
