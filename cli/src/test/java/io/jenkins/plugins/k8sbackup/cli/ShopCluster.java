package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded API with the sample shop deployed, shared by a test class's tests, and a kubeconfig file for the CLI
 * ({@code @RegisterExtension static final ShopCluster SHOP = new ShopCluster(...)}).
 */
final class ShopCluster implements BeforeAllCallback, AfterAllCallback {
    private final boolean controllers;
    private MockCluster cluster;
    private WorkloadSimulator simulator;
    private Path dir;

    /** {@code controllers}: simulated controllers mark CRDs Established and workloads ready, as a real cluster does. */
    ShopCluster(boolean controllers) {
        this.controllers = controllers;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("shop-cluster");
        cluster = MockCluster.start();
        if (controllers) {
            simulator = new WorkloadSimulator(cluster.client());
        }
        SampleApp.deploy(cluster.client());
        cluster.writeKubeconfig(kubeconfig());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (simulator != null) {
            simulator.close();
        }
        cluster.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    MockCluster cluster() {
        return cluster;
    }

    Path kubeconfig() {
        return dir.resolve("kubeconfig");
    }

    /** A directory that lives as long as the cluster, e.g. for backups the class's tests share. */
    Path dir() {
        return dir;
    }
}
