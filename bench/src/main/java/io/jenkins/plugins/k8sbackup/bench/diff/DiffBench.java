package io.jenkins.plugins.k8sbackup.bench.diff;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.backup.BackupRunner;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.bench.HeapWatcher;
import io.jenkins.plugins.k8sbackup.bench.LoadAverage;
import io.jenkins.plugins.k8sbackup.bench.MockClusterProcess;
import io.jenkins.plugins.k8sbackup.diff.DiffReport;
import io.jenkins.plugins.k8sbackup.diff.DiffRunner;
import io.jenkins.plugins.k8sbackup.diff.DiffSpec;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.util.Bytes;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Diff of N objects against the backup of the same N, both measured in this run on the same seeded API (a child JVM;
 * ConfigMaps and Secrets of 1 to 4 KiB in one namespace), rounds alternating which side goes first, the rate limiter
 * at the product's default (adaptive, no cap, as the CLI's {@code --qps 0 --burst 100}). Each round backs up, and
 * diffs against the latest backup, which must come out identical with all N compared. Target: the diff within 1.5x
 * the backup's wall time. Prints the median and each round, the CPU per object of this JVM (the client), the peak
 * live heap of the diffs, the core count and the load average: on a shared machine the figures are noisy.
 * Usage: DiffBench [objects, default 50000]; -Drounds=N (default 3) measured rounds after -Dwarmup=N (default 1).
 */
public final class DiffBench {
    private static final int ROUNDS = Integer.getInteger("rounds", 3);
    private static final int WARMUP = Integer.getInteger("warmup", 1);
    private static final double TARGET = 1.5;

    private DiffBench() {}

    private record Timed(double seconds, double cpuSeconds) {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        System.out.printf("cpus=%d, java %s, %d objects, %d rounds after %d warm-up, load average at start %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), n, ROUNDS, WARMUP, LoadAverage.now());
        Path work = Files.createTempDirectory("k8s-diff-bench");
        try (MockClusterProcess api = new MockClusterProcess(work.resolve("kubeconfig"), "seed=" + n, "8g");
             HeapWatcher heap = new HeapWatcher()) {
            KubeTarget target = KubeTarget.fromFile(work.resolve("kubeconfig"), null, 0, 100);
            LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store"));
            List<Timed> backups = new ArrayList<>();
            List<Timed> diffs = new ArrayList<>();
            long peak = 0;
            // one client for every round of both sides, as a long-lived agent has
            try (KubernetesClient client = target.client()) {
                String latest = null;
                System.out.printf("%-6s %-16s %10s %10s %8s%n", "round", "order", "backup s", "diff s", "ratio");
                for (int round = -WARMUP; round < ROUNDS; round++) {
                    String name = "bench-" + (round + WARMUP);
                    boolean diffFirst = latest != null && round % 2 != 0;
                    Timed diff = null;
                    if (diffFirst) {
                        heap.reset();
                        diff = diff(client, storage, latest, n);
                        peak = Math.max(peak, heap.peakBytes());
                    }
                    Timed backup = backup(client, storage, name, n);
                    latest = name;
                    if (!diffFirst) {
                        heap.reset();
                        diff = diff(client, storage, latest, n);
                        peak = Math.max(peak, heap.peakBytes());
                    }
                    if (round >= 0) {
                        backups.add(backup);
                        diffs.add(diff);
                    }
                    System.out.printf("%-6s %-16s %10.2f %10.2f %7.2fx%n", round < 0 ? "warmup" : String.valueOf(round + 1),
                            diffFirst ? "diff, backup" : "backup, diff", backup.seconds(), diff.seconds(), diff.seconds() / backup.seconds());
                }
            }
            Timed b = median(backups);
            Timed d = median(diffs);
            System.out.printf("median: backup %.2f s (%.0f objects/s, client CPU %.0f us/object), diff %.2f s (%.0f objects/s,"
                            + " client CPU %.0f us/object): diff = %.2fx the backup's wall time (target <= %.1fx: %s)%n",
                    b.seconds(), n / b.seconds(), b.cpuSeconds() * 1e6 / n, d.seconds(), n / d.seconds(), d.cpuSeconds() * 1e6 / n,
                    d.seconds() / b.seconds(), TARGET, d.seconds() / b.seconds() <= TARGET ? "met" : "NOT met");
            System.out.printf("peak live heap during the diffs %s; load average at the end %s%n", Bytes.human(peak), LoadAverage.now());
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The product's default: adaptive rate, no cap. */
    private static ApiCaller caller() {
        return ApiCaller.defaults(0, 100);
    }

    private static Timed backup(KubernetesClient client, LocalDirectoryStorage storage, String name, int n) throws Exception {
        BackupResult[] r = {null};
        Timed t = timed(() -> r[0] = new BackupRunner(client, caller(), storage, Optional.empty(), ProgressListener.NONE,
                Clock.systemUTC()).run(BackupSpec.builder().name(name).includeNamespaces(List.of("bench"))
                .includeResources(List.of("configmaps", "secrets")).build(), null));
        if (r[0].objectCount() != n) {
            throw new IllegalStateException("backup stored " + r[0].objectCount() + " of " + n + ": " + r[0].errors());
        }
        return t;
    }

    /** Opening the backup (its check included) is part of the diff, as in every run of it. */
    private static Timed diff(KubernetesClient client, LocalDirectoryStorage storage, String backup, int n) throws Exception {
        DiffReport[] r = {null};
        Timed t = timed(() -> {
            try (BackupReader reader = BackupReader.open(storage, backup, Optional.empty())) {
                r[0] = new DiffRunner(client, caller(), reader, ProgressListener.NONE).run(DiffSpec.builder(backup)
                        .includeNamespaces(List.of("bench")).includeResources(List.of("configmaps", "secrets")).build());
            }
        });
        if (r[0].exitCode() != 0 || r[0].compared() != n) {
            throw new IllegalStateException("diff of " + n + " objects: " + r[0].summaryLine());
        }
        return t;
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Timed timed(Body body) throws Exception {
        System.gc();
        double cpu0 = cpuSeconds();
        long t0 = System.nanoTime();
        body.run();
        return new Timed((System.nanoTime() - t0) / 1e9, cpuSeconds() - cpu0);
    }

    private static Timed median(List<Timed> runs) {
        List<Timed> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(Timed::seconds));
        return sorted.get(sorted.size() / 2);
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

}
