package io.jenkins.plugins.k8sbackup.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.backup.BackupRunner;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.RateLimiter;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.util.Bytes;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
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
 * Usage: BackupBench [objects...] (default 10000 50000 100000).
 */
public final class BackupBench {
    private static final int PAGE = 500;
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
        System.out.printf("%-9s %14s %14s %7s %16s %12s%n", "objects", "bare LIST/s", "backup/s", "ratio", "peak live heap", "stored");
        for (int n : sizes) {
            run(n);
        }
    }

    private static void run(int n) throws Exception {
        Path work = Files.createTempDirectory("k8s-backup-bench");
        try (MockClusterProcess api = new MockClusterProcess(work.resolve("kubeconfig"), "seed=" + n, "8g");
             HeapWatcher heap = new HeapWatcher()) {
            KubeTarget target = KubeTarget.fromFile(work.resolve("kubeconfig"), null, 1e6, 1_000_000);
            double bestList = 0;
            double bestBackup = 0;
            long peak = 0;
            long stored = 0;
            for (int round = 0; round < 3; round++) {
                try (KubernetesClient client = target.client()) {
                    long t0 = System.nanoTime();
                    long counted = countByList(client, CONFIGMAPS) + countByList(client, SECRETS);
                    double listRate = counted / ((System.nanoTime() - t0) / 1e9);
                    check(counted, n);
                    bestList = Math.max(bestList, listRate);

                    heap.reset();
                    LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store-" + round));
                    ApiCaller caller = new ApiCaller(new RateLimiter(1e6, 1_000_000), 5, Duration.ofMillis(50), Duration.ofSeconds(2));
                    long t1 = System.nanoTime();
                    BackupResult r = new BackupRunner(client, caller, storage, Optional.empty(), ProgressListener.NONE, Clock.systemUTC())
                            .run(BackupSpec.builder().name("bench").includeNamespaces(List.of("bench"))
                                    .includeResources(List.of("configmaps", "secrets")).pageSize(PAGE).build(), null);
                    double backupRate = r.objectCount() / ((System.nanoTime() - t1) / 1e9);
                    check(r.objectCount(), n);
                    bestBackup = Math.max(bestBackup, backupRate);
                    peak = Math.max(peak, heap.peakBytes());
                    stored = r.totalBytes();
                }
            }
            System.out.printf("%-9d %14.0f %14.0f %6.0f%% %16s %12s%n", n, bestList, bestBackup, 100 * bestBackup / bestList,
                    Bytes.human(peak), Bytes.human(stored));
        } finally {
            deleteTree(work);
        }
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
