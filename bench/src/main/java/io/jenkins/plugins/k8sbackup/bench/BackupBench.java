package io.jenkins.plugins.k8sbackup.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.backup.BackupRunner;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.RateLimiter;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.util.Bytes;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backup throughput against the same paginated LIST that only counts objects, both measured in this run
 * on the same seeded API (ConfigMaps and Secrets of 1 to 4 KiB). Target: backup at >= 70% of the bare
 * LIST rate, with peak live heap flat as the object count grows.
 * Rounds alternate LIST and backup; rates are reported as the median and the best round of each, with the CPU
 * each side used per object (this process, and the embedded API in its child process): on a small machine the
 * client and the API compete for the same cores, and the CPU figures show where the time goes.
 * Usage: BackupBench [objects...] (default 10000 50000 100000); -Drounds=N (default 5) measured rounds after
 * -Dwarmup=N (default 2) uncounted ones.
 */
public final class BackupBench {
    private static final int PAGE = 500;
    private static final int ROUNDS = Integer.getInteger("rounds", 5);
    /** Rounds run first and not counted, as JMH's warm-up iterations: both sides' code gets compiled by the JIT. */
    private static final int WARMUP = Integer.getInteger("warmup", 2);
    private static final ResourceType CONFIGMAPS = new ResourceType("", "v1", "configmaps", "ConfigMap", true);
    private static final ResourceType SECRETS = new ResourceType("", "v1", "secrets", "Secret", true);

    private BackupBench() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10_000, 50_000, 100_000);
        }
        System.out.printf("cpus=%d, %d rounds after %d warm-up; CPU in microseconds per object: client (this JVM) + API (child JVM)%n",
                Runtime.getRuntime().availableProcessors(), ROUNDS, WARMUP);
        System.out.printf("%-8s %-6s %12s %12s %7s %12s %12s %16s %11s%n", "objects", "", "LIST/s", "backup/s", "ratio",
                "LIST CPU", "backup CPU", "peak live heap", "stored");
        for (int n : sizes) {
            run(n);
        }
    }

    private record Round(double rate, double clientCpu, double apiCpu) {}

    private static void run(int n) throws Exception {
        Path work = Files.createTempDirectory("k8s-backup-bench");
        try (MockClusterProcess api = new MockClusterProcess(work.resolve("kubeconfig"), "seed=" + n, "8g");
             HeapWatcher heap = new HeapWatcher()) {
            KubeTarget target = KubeTarget.fromFile(work.resolve("kubeconfig"), null, 1e6, 1_000_000);
            List<Round> lists = new ArrayList<>();
            List<Round> backups = new ArrayList<>();
            long peak = 0;
            long stored = 0;
            // one client for every round of both sides, as a long-lived agent has: a new client's first requests
            // pay for its JIT warm-up, which is not what either side is measured for
            try (KubernetesClient client = target.client()) {
                for (int round = -WARMUP; round < ROUNDS; round++) {
                    long[] counted = {0};
                    Round list = measure(n, api, () -> counted[0] = countByList(client, CONFIGMAPS) + countByList(client, SECRETS));
                    check(counted[0], n);

                    heap.reset();
                    LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store-" + (round + WARMUP)));
                    ApiCaller caller = new ApiCaller(new RateLimiter(1e6, 1_000_000), 5, Duration.ofMillis(50), Duration.ofSeconds(2));
                    BackupResult[] r = {null};
                    Round backup = measure(n, api, () -> r[0] = new BackupRunner(client, caller, storage, Optional.empty(),
                            ProgressListener.NONE, Clock.systemUTC()).run(BackupSpec.builder().name("bench")
                            .includeNamespaces(List.of("bench")).includeResources(List.of("configmaps", "secrets")).pageSize(PAGE).build(), null));
                    if (round >= 0) {
                        lists.add(list);
                        backups.add(backup);
                    }
                    if (r[0].objectCount() != n) {
                        throw new IllegalStateException("backup stored " + r[0].objectCount() + " of " + n + ": " + r[0].errors());
                    }
                    if (round >= 0) {
                        peak = Math.max(peak, heap.peakBytes());
                    }
                    stored = r[0].totalBytes();
                    deleteTree(work.resolve("store-" + (round + WARMUP))); // no round writes behind the next one's back
                }
            }
            Round listMedian = median(lists);
            Round backupMedian = median(backups);
            System.out.printf("%-8d %-6s %12.0f %12.0f %6.0f%% %12s %12s %16s %11s%n", n, "median", listMedian.rate(), backupMedian.rate(),
                    100 * backupMedian.rate() / listMedian.rate(), cpu(listMedian), cpu(backupMedian), Bytes.human(peak), Bytes.human(stored));
            double bestList = lists.stream().mapToDouble(Round::rate).max().orElse(0);
            double bestBackup = backups.stream().mapToDouble(Round::rate).max().orElse(0);
            System.out.printf("%-8s %-6s %12.0f %12.0f %6.0f%%%n", "", "best", bestList, bestBackup, 100 * bestBackup / bestList);
        } finally {
            deleteTree(work);
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Round measure(int n, MockClusterProcess api, Body body) throws Exception {
        double client0 = clientCpuSeconds();
        double api0 = api.cpuSeconds();
        long t0 = System.nanoTime();
        body.run();
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Round(n / secs, (clientCpuSeconds() - client0) * 1e6 / n, (api.cpuSeconds() - api0) * 1e6 / n);
    }

    private static Round median(List<Round> rounds) {
        List<Round> sorted = new ArrayList<>(rounds);
        sorted.sort(java.util.Comparator.comparingDouble(Round::rate));
        return sorted.get(sorted.size() / 2);
    }

    private static String cpu(Round r) {
        return String.format("%.0f+%.0f", r.clientCpu(), r.apiCpu());
    }

    private static double clientCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static long countByList(KubernetesClient client, ResourceType type) {
        long count = 0;
        String token = null;
        do {
            GenericKubernetesResourceList page = client.genericKubernetesResources(type.context()).inNamespace("bench")
                    .list(new ListOptionsBuilder().withLimit((long) PAGE).withContinue(token).build());
            count += page.getItems().size();
            token = page.getMetadata().getContinue();
        } while (token != null && !token.isEmpty());
        return count;
    }

    private static void check(long got, int want) {
        if (got != want) {
            throw new IllegalStateException("expected " + want + " objects, got " + got);
        }
    }

    private static void deleteTree(Path p) throws Exception {
        try (var files = Files.walk(p)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
