package io.jenkins.plugins.k8sbackup.restore;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.kube.ApiDiscovery;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Shared by the restore, diff and verify tests: a sample cluster, its backup, accidents, and a restore. */
public final class RestoreTestSupport implements AutoCloseable {
    public final MockCluster cluster;
    public final LocalDirectoryStorage storage;
    public final BackupFixture fixture = new BackupFixture();

    public RestoreTestSupport(Path dir) throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
        storage = new LocalDirectoryStorage(dir.resolve("store"));
        cluster.clearWriteLog();
    }

    /** Backs up the sample's namespaces with the cluster objects they need, plus the webhook. */
    public void backupShop(String name, EncryptionKey key) throws Exception {
        fixture.backup(cluster, storage, BackupSpec.builder().name(name).includeNamespaces(SampleApp.NAMESPACES)
                .includeClusterResources(true)
                .encryption(key == null ? BackupSpec.EncryptionMode.none : BackupSpec.EncryptionMode.secrets).build(), key);
    }

    /** The accident: what "kubectl delete namespace" does, done by hand since the mock does not cascade. */
    public void deleteNamespaces(List<String> namespaces) throws Exception {
        KubernetesClient c = cluster.client();
        for (ResourceType type : ApiDiscovery.discover(c, BackupFixture.fastCaller()).types()) {
            if (!type.namespaced() || !type.group().isEmpty() && type.group().equals("metrics.k8s.io")) {
                continue;
            }
            for (String ns : namespaces) {
                for (GenericKubernetesResource o : c.genericKubernetesResources(type.context()).inNamespace(ns).list().getItems()) {
                    c.genericKubernetesResources(type.context()).inNamespace(ns).withName(o.getMetadata().getName()).delete();
                }
            }
        }
        for (String ns : namespaces) {
            c.namespaces().withName(ns).delete();
        }
    }

    public RestoreReport restore(RestoreSpec spec, EncryptionKey key) throws Exception {
        try (KubernetesClient client = fixture.engineClient(cluster);
             BackupReader reader = BackupReader.open(storage, spec.backupName(), Optional.ofNullable(key))) {
            return new RestoreRunner(client, BackupFixture.fastCaller(), reader, fixture.progress).run(spec);
        }
    }

    /** Every object of every type, as JSON text keyed by path: to prove a dry-run changed nothing. */
    public Map<String, String> snapshot() throws Exception {
        KubernetesClient c = cluster.client();
        Map<String, String> out = new TreeMap<>();
        for (ResourceType type : ApiDiscovery.discover(c, BackupFixture.fastCaller()).types()) {
            if (type.group().equals("metrics.k8s.io")) {
                continue;
            }
            for (GenericKubernetesResource o : c.genericKubernetesResources(type.context()).inAnyNamespace().list().getItems()) {
                // status (and the resourceVersion its updates bump) belongs to the simulated controllers running
                // beside the test; anything a restore writes shows in the rest of the object
                com.fasterxml.jackson.databind.node.ObjectNode tree = Json.MAPPER.valueToTree(o);
                tree.remove("status");
                ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("metadata")).remove("resourceVersion");
                out.put(type.qualifiedName() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(),
                        Json.MAPPER.writeValueAsString(tree));
            }
        }
        return out;
    }

    /** Writes that changed something: not refused, not dry-runs, not the simulator's status updates. */
    public List<String> realWrites() {
        return cluster.writeLog().stream().filter(w -> w.matches(".* -> 2\\d\\d") && !w.contains("dryRun=All")
                && !w.contains("/status ")).toList();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
