package io.jenkins.plugins.k8sbackup.bench.restore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupRunner;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.bench.LoadAverage;
import io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy;
import io.jenkins.plugins.k8sbackup.desired.Sanitizer;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.KubeClients;
import io.jenkins.plugins.k8sbackup.kube.ObjectApi;
import io.jenkins.plugins.k8sbackup.restore.RestoreReport;
import io.jenkins.plugins.k8sbackup.restore.RestoreRunner;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Restores N ConfigMaps from a real backup at concurrency 1, 4 and 8, against a one-by-one sequential create
 * loop (as Velero restores) measured in the same run. Every measurement gets a fresh embedded cluster, since
 * the mock's cost per write grows with what it stores. Besides objects/s it prints how many cores the JVM (client
 * and mock) kept busy and the seconds the mock's store spent on writes, which it serves one at a time: a run
 * cannot end before its store has served them all, so that share of a concurrent run shows how much of the
 * time the restore itself still holds. The client-side rate limit is the product's default (adaptive, no cap, as
 * {@code ApiCaller.defaults(0, 100)}), not switched off. {@code -Drounds=N} (default 1) repeats the set in the same JVM,
 * the order reversed every other round: round 2 against round 1 is what a long-lived Jenkins agent JVM sees.
 * Args: [counts, default 10000] [concurrencies, default 1,4,8] [mock write latency ms, default 0],
 * e.g. {@code 10000,50000 1,4,8 5}.
 */
public final class RestoreBench {
    private static final String NS = "bench";
    /** Per-write latency added by the mock (third arg), as a real API server's etcd round trip; 0 = none. */
    private static int latencyMillis;

    private RestoreBench() {}

    public static void main(String[] args) throws Exception {
        List<Integer> counts = ints(args.length > 0 ? args[0] : "10000");
        List<Integer> concurrencies = ints(args.length > 1 ? args[1] : "1,4,8");
        latencyMillis = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Path dir = Files.createTempDirectory("restore-bench");
        LocalDirectoryStorage storage = new LocalDirectoryStorage(dir);
        System.out.printf("cpus=%d, java %s, mock write latency %d ms, load average at start %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), latencyMillis, LoadAverage.now());
        System.out.printf("%-8s %-14s %10s %10s %8s %8s %10s%n", "objects", "mode", "seconds", "objects/s", "vs seq", "cores", "mock s");
        int rounds = Integer.getInteger("rounds", 1);
        for (int n : counts) {
            String backup = seed(storage, n);
            for (int round = 1; round <= rounds; round++) {
                List<Integer> modes = new ArrayList<>(concurrencies);
                modes.add(0, 0); // 0: the sequential baseline
                if (round % 2 == 0) {
                    java.util.Collections.reverse(modes);
                }
                java.util.Map<Integer, Measured> got = new java.util.HashMap<>();
                for (int c : modes) {
                    got.put(c, c == 0 ? measure(n, "sequential", cluster -> sequential(storage, backup, cluster))
                            : measure(n, "c" + c, cluster -> restore(storage, backup, c, cluster)));
                }
                System.out.printf("# round %d of %d (order %s)%n", round, rounds, modes);
                double seq = got.get(0).seconds();
                report(n, "sequential", got.get(0), seq, n);
                for (int c : concurrencies) {
                    Measured m = got.get(c);
                    report(n, "concurrency " + c, m, seq, n);
                    // The mock serves writes one at a time: a run cannot end before its store has served them all.
                    System.out.printf("#   the mock's store was serving writes for %.0f%% of this run%n", 100 * m.mockSeconds() / m.seconds());
                }
                if (got.containsKey(1) && got.containsKey(8)) {
                    System.out.printf("# round %d: concurrency 8 = %.2fx concurrency 1 (load average %s)%n", round,
                            got.get(1).seconds() / got.get(8).seconds(), LoadAverage.now());
                }
            }
        }
    }

    /** Wall time, CPU time of this JVM (client and mock), and the mock's time spent in its store on writes. */
    private record Measured(double seconds, double cpuSeconds, double mockSeconds) {}

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private interface Run {
        long run(MockCluster cluster) throws Exception;
    }

    private static Measured measure(int n, String label, Run run) throws Exception {
        try (MockCluster cluster = MockCluster.start()) {
            cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
            cluster.faults().writeLatencyMillis(latencyMillis);
            System.gc();
            long start = System.nanoTime();
            double cpu0 = processCpuSeconds();
            long restored = run.run(cluster);
            double secs = (System.nanoTime() - start) / 1e9;
            double cpu = processCpuSeconds() - cpu0;
            if (restored != n) {
                throw new IllegalStateException(label + ": restored " + restored + " of " + n);
            }
            return new Measured(secs, cpu, cluster.writeServiceSeconds());
        }
    }

    private static void report(int n, String mode, Measured m, double seq, int objects) {
        System.out.printf("%-8d %-14s %10.2f %10.0f %7.2fx %8.2f %10.2f%n", n, mode, m.seconds(), objects / m.seconds(),
                seq / m.seconds(), m.cpuSeconds() / m.seconds(), m.mockSeconds());
    }

    /** The product's default: adaptive rate, no cap. */
    private static ApiCaller caller() {
        return ApiCaller.defaults(0, 100);
    }

    /** Seeds a cluster with n ConfigMaps (in parallel, the mock serialises them anyway) and backs them up. */
    private static String seed(LocalDirectoryStorage storage, int n) throws Exception {
        String name = "bench-" + n;
        long start = System.nanoTime();
        try (MockCluster cluster = MockCluster.start()) {
            KubernetesClient admin = cluster.client();
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                fs.add(pool.submit(() -> admin.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
                        .withName(String.format("cm-%06d", k)).addToLabels("app", "bench").endMetadata()
                        .addToData("index", String.valueOf(k)).addToData("payload", "x".repeat(200)).build()).create()));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            pool.shutdown();
            try (KubernetesClient client = KubeClients.create(cluster.config())) {
                new BackupRunner(client, caller(), storage, Optional.empty(), ProgressListener.NONE, Clock.systemUTC())
                        .run(BackupSpec.builder().name(name).includeNamespaces(List.of(NS)).includeResources(List.of("configmaps"))
                                .includeClusterResources(false).build(), new RetentionPolicy(null, null));
            }
        }
        System.out.printf("# seeded and backed up %d ConfigMaps in %.1fs%n", n, (System.nanoTime() - start) / 1e9);
        return name;
    }

    /** The engine's restore: ordered steps, bounded parallelism, existing-object handling. */
    private static long restore(LocalDirectoryStorage storage, String backup, int concurrency, MockCluster cluster) throws Exception {
        try (KubernetesClient client = KubeClients.create(cluster.config());
             BackupReader reader = BackupReader.open(storage, backup, Optional.empty())) { // checks first, like every restore
            ApiCaller caller = caller();
            RestoreReport r = new RestoreRunner(client, caller, reader, ProgressListener.NONE)
                    .run(RestoreSpec.builder(backup).concurrency(concurrency).build());
            if (caller.pacer() instanceof io.jenkins.plugins.k8sbackup.kube.AdaptiveRateLimiter a) {
                System.out.printf("#   c%d limiter: rate at the end %.0f/s, lowest %.0f/s, %d 429s, %d latency cuts%n",
                        concurrency, a.rate(), a.lowestRate(), a.throttles(), a.latencyCuts());
            }
            if (r.status() != RunStatus.Completed) {
                throw new IllegalStateException(r.summaryLine());
            }
            return r.counts().created();
        }
    }

    /** The baseline: read, sanitise and create one object after the other, as Velero does. */
    private static long sequential(LocalDirectoryStorage storage, String backup, MockCluster cluster) throws Exception {
        try (KubernetesClient client = KubeClients.create(cluster.config())) {
            BackupReader reader = BackupReader.open(storage, backup, Optional.empty());
            ObjectApi api = new ObjectApi(client, caller());
            Sanitizer sanitizer = new Sanitizer(false, false);
            long[] created = {0};
            var type = new io.jenkins.plugins.k8sbackup.kube.ResourceType("", "v1", "configmaps", "ConfigMap", true);
            reader.forEach("configmaps", r -> true, item -> {
                ObjectNode o = sanitizer.sanitize("configmaps", (ObjectNode) item.object());
                api.create(type, NS, o, false);
                created[0]++;
            });
            return created[0];
        }
    }

    private static List<Integer> ints(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }
}
