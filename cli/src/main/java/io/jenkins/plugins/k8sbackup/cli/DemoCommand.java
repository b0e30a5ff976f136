package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.ops.BackupOperation;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.StorageLocation;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import io.jenkins.plugins.k8sbackup.util.Bytes;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole story on an embedded Kubernetes API, with no set-up: deploy the sample shop, back it up, and
 * (see {@link DemoRecovery}) lose it, preview, restore, verify and clone it. Exit 0 only if every step
 * and every verification passed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run backup, accident, restore, verify and clone against an embedded Kubernetes API.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", description = "where the demo keeps its backups (default: a new temporary directory)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("k8s-backup-demo");
        Path storeDir = work.resolve("backups");
        StorageTarget storage = new StorageTarget(StorageLocation.Directory.of(storeDir));
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        EncryptionKey key = EncryptionKey.ofBytes(raw);
        ConsoleProgress progress = ConsoleProgress.of(spec, true);

        try (MockCluster cluster = MockCluster.start(); WorkloadSimulator controllers = new WorkloadSimulator(cluster.client())) {
            KubeTarget kube = KubeTarget.fromFile(cluster.writeKubeconfig(work.resolve("kubeconfig")), null, 200, 400);

            step(out, 1, "deploy the sample application");
            SampleApp.deploy(cluster.client());
            out.printf("   embedded API at %s; namespaces %s: web Deployment, db StatefulSet with a PVC, Services, Ingress,%n"
                    + "   ConfigMaps, Secrets, RBAC and a FeatureFlag CRD with two CRs%n", cluster.url(), SampleApp.NAMESPACES);

            step(out, 2, "back it up (Secrets encrypted with AES-256-GCM, key fingerprint " + key.fingerprint() + ")");
            BackupSpec backupSpec = BackupSpec.builder().name("shop-before-deploy").includeNamespaces(SampleApp.NAMESPACES)
                    .labels(Map.of("demo", "true", "job", "deploy-shop")).encryption(BackupSpec.EncryptionMode.secrets).build();
            BackupResult backup = BackupOperation.run(kube, storage, backupSpec, new RetentionPolicy(null, null), Optional.of(key), progress);
            out.println("   " + backup.summaryLine());
            try (BackupStorage s = storage.open()) {
                BackupManifest m = new BackupCatalog(s, BackupKind.KUBERNETES).requireManifest(backup.name(), BackupManifest.class);
                for (BackupManifest.TypeSummary t : m.types()) {
                    out.printf("     %-50s %4d objects  %9s%n", t.resource(), t.count(), Bytes.human(t.archiveBytes()));
                }
                out.printf("   stored at %s (manifest written last; %d Secrets encrypted)%n", storeDir, m.encryption().encryptedObjects());
            }
            boolean ok = backup.outcome().completed();
            ok &= DemoRecovery.run(out, kube, storage, backup.name(), key, cluster, progress);
            out.println();
            out.println(ok ? "demo: every step passed" : "demo: FAILED (see above)");
            return ok ? Main.OK : Main.FAILED;
        }
    }

    static void step(PrintWriter out, int n, String what) {
        out.println();
        out.printf("[%d] %s%n", n, what);
        out.flush();
    }
}
