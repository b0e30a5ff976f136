package io.jenkins.plugins.k8sbackup.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.ApiDiscovery;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.ops.RestoreOperation;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.ops.VerifyOperation;
import io.jenkins.plugins.k8sbackup.restore.ExistingPolicy;
import io.jenkins.plugins.k8sbackup.restore.RestoreAction;
import io.jenkins.plugins.k8sbackup.restore.RestoreItem;
import io.jenkins.plugins.k8sbackup.restore.RestoreReport;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.transform.CloneRules;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import io.jenkins.plugins.k8sbackup.verify.VerifyReport;
import io.jenkins.plugins.k8sbackup.verify.VerifySpec;
import java.io.PrintWriter;
import java.time.Duration;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Steps 3 to 8 of the demo: the accident, the preview, the restore, the verification and the clone. */
final class DemoRecovery {
    private static final String STAGING = "-staging";

    private DemoRecovery() {}

    static boolean run(PrintWriter out, KubeTarget kube, StorageTarget storage, String backup, EncryptionKey key,
                       MockCluster cluster, ProgressListener progress) throws Exception {
        DemoCommand.step(out, 3, "an accident: namespace shop is deleted, with everything in it");
        int deleted = deleteNamespace(cluster.client(), "shop");
        out.printf("   deleted %d objects and the namespace (the embedded API does not cascade, so the demo does)%n", deleted);

        DemoCommand.step(out, 4, "dry-run: what a restore of the backup would do, without writing anything");
        RestoreSpec.Builder restore = RestoreSpec.builder(backup).includeNamespaces(SampleApp.NAMESPACES);
        RestoreReport plan = RestoreOperation.run(kube, storage, restore.dryRun(true).build(), Optional.of(key), progress);
        printActions(out, plan);
        out.println("   " + plan.summaryLine());

        DemoCommand.step(out, 5, "restore (CRDs first, webhooks last, 8 writes in parallel, 429s backed off)");
        RestoreReport restored = RestoreOperation.run(kube, storage, restore.dryRun(false).build(), Optional.of(key), progress);
        printActions(out, restored);
        out.println("   " + restored.summaryLine());

        DemoCommand.step(out, 6, "verify: every object back and matching, workloads ready, PVCs Bound");
        VerifyReport verified = VerifyOperation.run(kube, storage, VerifySpec.builder(backup)
                .includeNamespaces(SampleApp.NAMESPACES).timeout(Duration.ofSeconds(30)).build(), Optional.of(key), progress);
        printVerify(out, verified);

        Map<String, String> mapping = new LinkedHashMap<>();
        SampleApp.NAMESPACES.forEach(ns -> mapping.put(ns, ns + STAGING));
        // A clone gets volumes of its own: prod's PersistentVolume stays with prod, the cloned claim binds afresh.
        List<String> notPvs = List.of(WellKnownTypes.PVS);
        // Staging must not take prod's traffic nor its size: the built-in clone rules, shown before they apply.
        TransformSpec transforms = new TransformSpec(null, CloneRules.builder().hosts(List.of("*.example.com=*.staging.example.com"))
                .replicas(1).storageClasses(Map.of("standard", "fast-staging")).build());
        DemoCommand.step(out, 7, "clone prod into staging through namespace mapping " + mapping + ", without prod's volumes,"
                + " transformed (--rewrite-host '*.example.com=*.staging.example.com' --scale 1 --map-storage-class standard=fast-staging)");
        RestoreSpec.Builder clone = RestoreSpec.builder(backup).includeNamespaces(SampleApp.NAMESPACES).namespaceMapping(mapping)
                .excludeResources(notPvs).existingPolicy(ExistingPolicy.skip).transforms(transforms);
        RestoreReport preview = RestoreOperation.run(kube, storage, clone.dryRun(true).build(), Optional.of(key), progress);
        out.println("   preview (dry-run): what each rule changes");
        printSome(out, "     ", preview.transforms().lines(), 10, "changes");
        RestoreReport cloned = RestoreOperation.run(kube, storage, clone.dryRun(false).build(), Optional.of(key), progress);
        printActions(out, cloned);
        out.println("   " + cloned.summaryLine());

        DemoCommand.step(out, 8, "verify the clone against the backup, through the same mapping and transforms");
        VerifyReport clonedOk = VerifyOperation.run(kube, storage, VerifySpec.builder(backup)
                .includeNamespaces(SampleApp.NAMESPACES).namespaceMapping(mapping).excludeResources(notPvs)
                .transforms(transforms).timeout(Duration.ofSeconds(30)).build(),
                Optional.of(key), progress);
        printVerify(out, clonedOk);

        return java.util.stream.Stream.<io.jenkins.plugins.k8sbackup.outcome.RunResult>of(plan, restored, preview, cloned, verified, clonedOk)
                .allMatch(r -> r.outcome().completed());
    }

    /** Deletes every object of the namespace, then the namespace: what the API server's cascade would do. */
    private static int deleteNamespace(KubernetesClient client, String namespace) throws InterruptedException {
        int deleted = 0;
        ApiCaller caller = ApiCaller.defaults(1000, 1000);
        for (ResourceType type : ApiDiscovery.discover(client, caller).types()) {
            if (!type.namespaced()) {
                continue;
            }
            try {
                deleted += client.genericKubernetesResources(type.context()).inNamespace(namespace).list().getItems().size();
                client.genericKubernetesResources(type.context()).inNamespace(namespace).delete();
            } catch (KubernetesClientException e) {
                // read-only or aggregated types: nothing to delete
            }
        }
        client.namespaces().withName(namespace).delete();
        return deleted;
    }

    private static void printActions(PrintWriter out, RestoreReport report) {
        Map<RestoreAction, Integer> byAction = new TreeMap<>();
        for (RestoreItem item : report.items()) {
            byAction.merge(item.action(), 1, Integer::sum);
        }
        byAction.forEach((action, n) -> out.printf("     %-15s %3d objects%n", action.label(), n));
        printSome(out, "       e.g. ", report.items().stream().filter(i -> i.action() == RestoreAction.CREATE)
                .map(String::valueOf).toList(), 6, "objects created");
        printSome(out, "     warning: ", report.warnings(), 5, "warnings");
        report.errors().forEach(e -> out.println("     ERROR: " + e));
    }

    private static void printVerify(PrintWriter out, VerifyReport report) {
        printSome(out, "     ", report.attention(), 20, "lines");
        out.println("   " + report.summaryLine());
    }

    /** The first {@code limit} lines, then how many more there are, so a short listing never hides that it is short. */
    static void printSome(PrintWriter out, String prefix, List<String> lines, int limit, String what) {
        lines.stream().limit(limit).forEach(l -> out.println(prefix + l));
        if (lines.size() > limit) {
            out.println(prefix + "... and " + (lines.size() - limit) + " more " + what + " (see --report)");
        }
    }
}
