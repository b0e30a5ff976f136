package io.jenkins.plugins.k8sbackup.testkit;

import java.nio.file.Path;

/**
 * Runs the embedded API in its own JVM, so benchmarks can measure the engine's heap without the mock's,
 * and kubectl or the CLI can be pointed at it. Args: port kubeconfig-path [sample | seed=N]. Like the in-process
 * API of the tests and the demo, it runs {@link WorkloadSimulator} (CRDs become Established, workloads ready), unless
 * {@code -Dk8sbackup.mock.controllers=false} asks for a bare API (the benchmarks, which measure the API alone).
 */
public final class MockClusterMain {
    private MockClusterMain() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        MockCluster cluster = MockCluster.start(port);
        if (Boolean.parseBoolean(System.getProperty("k8sbackup.mock.controllers", "true"))) {
            new WorkloadSimulator(cluster.client());
        }
        if (args.length > 1) {
            cluster.writeKubeconfig(Path.of(args[1]));
        }
        if (args.length > 2 && args[2].equals("sample")) {
            SampleApp.deploy(cluster.client());
        }
        if (args.length > 2 && args[2].startsWith("seed=")) {
            cluster.seedConfigMapsAndSecrets("bench", Integer.parseInt(args[2].substring(5)), 1);
        }
        System.out.println("READY " + cluster.url());
        System.out.flush();
        Thread.currentThread().join();
    }
}
