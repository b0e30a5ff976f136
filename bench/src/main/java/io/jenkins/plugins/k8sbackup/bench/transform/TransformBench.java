package io.jenkins.plugins.k8sbackup.bench.transform;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupRunner;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.bench.MockClusterProcess;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.restore.RestoreReport;
import io.jenkins.plugins.k8sbackup.restore.RestoreRunner;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.transform.CloneRules;
import io.jenkins.plugins.k8sbackup.transform.RulesFile;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 14's budget: with 10 transform rules, a restore's client CPU per object may grow by at most 20%. Backs up N
 * objects (half ConfigMaps, half Secrets, 1-4 KiB each) from an embedded API in a child JVM, then restores them into
 * a fresh, empty API (a new child JVM each time) with and without the rules, alternating, in the same run and JVM;
 * this JVM's CPU is the client's alone. Five Velero rules change every object (merge, JSON and strategic patches, a test operation, a matches
 * condition), five built-ins (hosts, images, storage classes, replicas, node placement) are checked on every object
 * and match none. Prints the median CPU per object of each side and their ratio, and exits 1 above 1.20.
 * Args: [objects, default 50000] [rounds, default 3].
 */
public final class TransformBench {
    static final String RULES = """
            version: v1
            resourceModifierRules:
            - conditions: {groupResource: configmaps, namespaces: [bench]}
              mergePatches: [{patchData: '{"metadata": {"labels": {"env": "staging"}}}'}]
            - conditions: {groupResource: "{configmaps,secrets}", labelSelector: {matchLabels: {bench: "true"}}}
              patches: [{operation: add, path: /metadata/annotations, value: '{"cloned-from": "prod"}'}]
            - conditions: {groupResource: secrets, resourceNameRegex: "^secret-"}
              strategicPatches: [{patchData: '{"metadata": {"labels": {"tier": "staging"}}}'}]
            - conditions: {groupResource: configmaps}
              patches: [{operation: test, path: /metadata/labels/bench, value: '"true"'}, {operation: add, path: /data/ENV, value: staging}]
            - conditions:
                groupResource: "**"
                matches: [{path: /metadata/labels/bench, value: '"true"'}]
              mergePatches: [{patchData: '{"metadata": {"labels": {"cloned": "yes"}}}'}]
            """;

    private TransformBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        TransformSpec transforms = new TransformSpec(List.of(new RulesFile("bench.yaml", RULES)), CloneRules.builder()
                .hosts(List.of("*.example.com=*.staging.example.com")).imagePrefixes(Map.of("registry.prod/", "registry.staging/"))
                .storageClasses(Map.of("standard", "fast")).replicas(1).stripNodePlacement(true).build());
        if (transforms.compile().rules().size() != 10) {
            throw new IllegalStateException("expected 10 rules, got " + transforms.compile().rules().size());
        }
        Path work = Files.createTempDirectory("transform-bench");
        LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store"));
        try (MockClusterProcess api = new MockClusterProcess(work.resolve("kubeconfig"), "seed=" + n, "6g");
             KubernetesClient client = target(work.resolve("kubeconfig")).client()) {
            new BackupRunner(client, caller(), storage, Optional.empty(), ProgressListener.NONE, Clock.systemUTC())
                    .run(BackupSpec.builder().name("bench").includeNamespaces(List.of("bench"))
                            .includeResources(List.of("configmaps", "secrets")).build(), null);
        }
        System.out.printf("cpus=%d, java %s, %d objects, 10 rules%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), n);
        System.out.printf("%-6s %-16s %10s %16s%n", "round", "restore", "seconds", "client CPU/object");
        List<Double> plain = new ArrayList<>();
        List<Double> transformed = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) { // round 0 warms the JIT up and is not counted
            boolean plainFirst = round % 2 == 0;
            for (int side = 0; side < 2; side++) {
                boolean withRules = (side == 0) != plainFirst;
                double cpu = restore(work, storage, withRules ? transforms : TransformSpec.NONE, n, round);
                if (round > 0) {
                    (withRules ? transformed : plain).add(cpu);
                }
            }
        }
        double p = median(plain);
        double t = median(transformed);
        System.out.printf("median client CPU per object: without %.1f us, with 10 rules %.1f us: %.2fx (budget 1.20x)%n",
                p, t, t / p);
        if (t / p > 1.20) {
            System.out.println("OVER BUDGET");
            System.exit(1);
        }
    }

    private static KubeTarget target(Path kubeconfig) throws java.io.IOException {
        return KubeTarget.fromFile(kubeconfig, null, 1e6, 1_000_000);
    }

    /** Into a fresh, empty API each time: a store that grows with every restore would slow the later ones down. */
    private static double restore(Path work, LocalDirectoryStorage storage, TransformSpec transforms, int n, int round)
            throws Exception {
        String namespace = "copy";
        Path kubeconfig = work.resolve("kubeconfig-" + round + (transforms.isEmpty() ? "-plain" : "-xf"));
        try (MockClusterProcess api = new MockClusterProcess(kubeconfig, "empty", "6g");
             KubernetesClient client = target(kubeconfig).client()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
            System.gc();
            double cpu0 = cpuSeconds();
            long t0 = System.nanoTime();
            RestoreReport r;
            try (BackupReader reader = BackupReader.open(storage, "bench", Optional.empty())) {
                r = new RestoreRunner(client, caller(), reader, ProgressListener.NONE).run(RestoreSpec.builder("bench")
                        .includeNamespaces(List.of("bench")).namespaceMapping(Map.of("bench", namespace)).transforms(transforms).build());
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double perObject = (cpuSeconds() - cpu0) * 1e6 / n;
            if (r.status() != RunStatus.Completed || r.counts().created() != n) {
                throw new IllegalStateException(namespace + ": " + r.outcome().summary() + " " + r.errors().stream().limit(3).toList());
            }
            if (!transforms.isEmpty() && r.transforms().objects().size() != n) {
                throw new IllegalStateException(namespace + ": the rules changed " + r.transforms().objects().size() + " of " + n + " objects");
            }
            System.out.printf("%-6s %-16s %10.1f %13.1f us%n", round == 0 ? "warmup" : String.valueOf(round),
                    transforms.isEmpty() ? "without rules" : "with 10 rules", secs, perObject);
            return perObject;
        }
    }

    private static ApiCaller caller() {
        return ApiCaller.defaults(0, 100);
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
