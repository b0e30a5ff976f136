package io.jenkins.plugins.k8sbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a backup leaves to the controllers that rebuild it: only what a controller really rebuilds, each skip counted
 * in the manifest. The shop sample's Service "web" has a selector; "external" has none (its endpoints are written by
 * hand, and nobody would rebuild them).
 */
class RebuiltObjectsBackupTest {
    @TempDir
    Path dir;
    MockCluster cluster;
    LocalDirectoryStorage storage;
    final BackupFixture fixture = new BackupFixture();

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        KubernetesClient c = cluster.client();
        SampleApp.deploy(c);
        c.services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("external").endMetadata()
                .withNewSpec().addNewPort().withPort(5432).endPort().endSpec().build()).create();
        c.endpoints().inNamespace("shop").resource(new EndpointsBuilder().withNewMetadata().withName("web").endMetadata()
                .addNewSubset().addNewAddress().withIp("10.0.0.7").endAddress().endSubset().build()).create();
        c.endpoints().inNamespace("shop").resource(new EndpointsBuilder().withNewMetadata().withName("external").endMetadata()
                .addNewSubset().addNewAddress().withIp("192.168.1.20").endAddress().endSubset().build()).create();
        slice(c, "web-ctrl", Map.of(RebuiltObjects.SERVICE_NAME_LABEL, "web",
                RebuiltObjects.MANAGED_BY_LABEL, RebuiltObjects.ENDPOINTSLICE_CONTROLLER));
        slice(c, "web-by-hand", Map.of(RebuiltObjects.SERVICE_NAME_LABEL, "web", RebuiltObjects.MANAGED_BY_LABEL, "staff"));
        slice(c, "no-service", Map.of(RebuiltObjects.MANAGED_BY_LABEL, RebuiltObjects.ENDPOINTSLICE_CONTROLLER));
        slice(c, "selectorless", Map.of(RebuiltObjects.SERVICE_NAME_LABEL, "external",
                RebuiltObjects.MANAGED_BY_LABEL, RebuiltObjects.ENDPOINTSLICE_CONTROLLER));
        pod(c, "orphan-of-gone-rs", "apps/v1", "ReplicaSet", "web-gone");
        pod(c, "kube-proxy-worker-1", "v1", "Node", "worker-1");
        storage = new LocalDirectoryStorage(dir.resolve("store"));
    }

    private static void slice(KubernetesClient c, String name, Map<String, String> labels) {
        c.discovery().v1().endpointSlices().inNamespace("shop").resource(new EndpointSliceBuilder().withNewMetadata()
                .withName(name).withLabels(labels).endMetadata().withAddressType("IPv4")
                .addNewEndpoint().withAddresses("10.0.0.7").endEndpoint().build()).create();
    }

    private static void pod(KubernetesClient c, String name, String ownerApiVersion, String ownerKind, String ownerName) {
        c.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName(name).addNewOwnerReference()
                .withApiVersion(ownerApiVersion).withKind(ownerKind).withName(ownerName).withUid("u-" + name)
                .withController(true).endOwnerReference().endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build()).create();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private static List<String> names(BackupReader reader, String resource) throws Exception {
        return reader.readAll().stream().filter(i -> i.record().resource().equals(resource)).map(i -> i.record().name())
                .sorted().toList();
    }

    private static List<BackupManifest.Skipped> ruleSkips(BackupManifest m) {
        return m.skipped().stream().filter(s -> s.count() != null).toList();
    }

    @Test
    void leavesOutOnlyWhatAControllerRebuildsAndRecordsEachSkip() throws Exception {
        BackupResult result = fixture.backup(cluster, storage, BackupSpec.builder().name("b")
                .includeNamespaces(List.of("shop")).build(), null);

        assertThat(result.status()).isEqualTo(BackupStatus.Completed);
        BackupReader reader = BackupReader.open(storage, "b", Optional.empty());
        assertThat(names(reader, "endpointslices.discovery.k8s.io")).containsExactly("no-service", "selectorless", "web-by-hand");
        assertThat(names(reader, "endpoints")).containsExactly("external");
        assertThat(names(reader, "pods")).containsExactly("debug-shell", "orphan-of-gone-rs");
        assertThat(ruleSkips(reader.manifest())).containsExactly(
                new BackupManifest.Skipped("endpoints", 1L, RebuiltObjects.ENDPOINTS_OF_SERVICE),
                new BackupManifest.Skipped("endpointslices.discovery.k8s.io", 1L, RebuiltObjects.SLICE_OF_SERVICE),
                new BackupManifest.Skipped("pods", 1L, RebuiltObjects.OWNED_POD),
                new BackupManifest.Skipped("pods", 1L, RebuiltObjects.MIRROR_POD));
        // the whole types never backed up are there too, as "not listed"
        assertThat(reader.manifest().skipped()).contains(new BackupManifest.Skipped("events", null,
                "never backed up: " + ResourceFilter.NEVER.get("events")));
    }

    @Test
    void whatTheSelectionLeavesOutIsNotCountedOnToRebuildAnything() throws Exception {
        // without the Services and ReplicaSets in the backup, nothing would rebuild the endpoints and pods
        fixture.backup(cluster, storage, BackupSpec.builder().name("b").includeNamespaces(List.of("shop"))
                .excludeResources(List.of("services", "replicasets")).build(), null);

        BackupReader reader = BackupReader.open(storage, "b", Optional.empty());
        assertThat(names(reader, "endpointslices.discovery.k8s.io")).hasSize(4);
        assertThat(names(reader, "endpoints")).containsExactly("external", "web");
        assertThat(names(reader, "pods")).containsExactly("debug-shell", "orphan-of-gone-rs", "web-6d4cf56db6-abcde");
        assertThat(ruleSkips(reader.manifest())).containsExactly(new BackupManifest.Skipped("pods", 1L, RebuiltObjects.MIRROR_POD));
    }

    @Test
    void includeOwnedPodsKeepsEveryPod() throws Exception {
        fixture.backup(cluster, storage, BackupSpec.builder().name("b").includeNamespaces(List.of("shop"))
                .includeResources(List.of("pods", "replicasets")).includeOwnedPods(true).build(), null);

        BackupReader reader = BackupReader.open(storage, "b", Optional.empty());
        assertThat(names(reader, "pods")).containsExactly("debug-shell", "kube-proxy-worker-1", "orphan-of-gone-rs",
                "web-6d4cf56db6-abcde");
        assertThat(ruleSkips(reader.manifest())).isEmpty();
    }
}
