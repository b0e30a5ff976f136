package io.jenkins.plugins.k8sbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.archive.ObjectRecord;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.crypto.DecryptionException;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.selection.ResourceFilter;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testing.FailingStorage;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupRunnerTest {
    @TempDir
    Path dir;
    MockCluster cluster;
    LocalDirectoryStorage storage;
    final BackupFixture fixture = new BackupFixture();

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
        storage = new LocalDirectoryStorage(dir.resolve("store"));
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private BackupSpec.Builder shop() {
        return BackupSpec.builder().name("b1").includeNamespaces(SampleApp.NAMESPACES);
    }

    private static List<String> names(List<BackupReader.StoredItem> items, String resource) {
        return items.stream().filter(i -> i.record().resource().equals(resource))
                .map(i -> (i.record().namespace() == null ? "" : i.record().namespace() + "/") + i.record().name()).sorted().toList();
    }

    @Test
    void roundTripsTheSelectedNamespacesWithTheClusterObjectsTheyNeed() throws Exception {
        BackupResult result = fixture.backup(cluster, storage, shop().labels(Map.of("job", "deploy-shop")).build(), null);

        assertThat(result.status()).isEqualTo(BackupStatus.Completed);
        BackupReader reader = BackupReader.open(storage, "b1", Optional.empty());
        List<BackupReader.StoredItem> items = reader.readAll();
        assertThat(items).allMatch(BackupReader.StoredItem::ok);
        assertThat(names(items, "deployments.apps")).containsExactly("shop/web");
        assertThat(names(items, "statefulsets.apps")).containsExactly("shop-data/db");
        assertThat(names(items, "featureflags.shop.example.com")).containsExactly("shop/dark-mode", "shop/new-checkout");
        assertThat(names(items, "namespaces")).containsExactly("shop", "shop-data");
        assertThat(names(items, "customresourcedefinitions.apiextensions.k8s.io")).containsExactly("featureflags.shop.example.com");
        assertThat(names(items, "persistentvolumes")).containsExactly("pv-db-0");
        // never backed up, or not needed by the selection
        assertThat(names(items, "nodes")).isEmpty();
        assertThat(names(items, "events")).isEmpty();
        assertThat(names(items, "validatingwebhookconfigurations.admissionregistration.k8s.io")).isEmpty();
        assertThat(names(items, "configmaps")).doesNotContain("unrelated/other-config");
        // the controller-owned pod is left to its ReplicaSet, the bare pod is kept
        assertThat(names(items, "pods")).containsExactly("shop/debug-shell");
        assertThat(reader.manifest().skipped()).contains(new BackupManifest.Skipped("pods", 1L, RebuiltObjects.OWNED_POD));
        assertThat(result.skipped()).isEqualTo(reader.manifest().skipped());
        assertThat(reader.manifest().degradations()).isEmpty();

        JsonNode cm = items.stream().filter(i -> i.record().name().equals("web-config")).findFirst().orElseThrow().object();
        assertThat(cm.at("/data/LOG_LEVEL").asText()).isEqualTo("info");
        assertThat(cm.at("/metadata/managedFields").isMissingNode()).isTrue();
        assertThat(cm.at("/metadata/uid").asText()).isNotBlank();

        BackupManifest m = reader.manifest();
        assertThat(m.labels()).containsEntry("job", "deploy-shop");
        assertThat(m.cluster().serverVersion()).isEqualTo("v1.32.0-k8sbackup-mock");
        assertThat(m.cluster().kubeSystemUid()).isNotBlank()
                .isEqualTo(cluster.client().namespaces().withName("kube-system").get().getMetadata().getUid());
        assertThat(m.objectCount()).isEqualTo(items.size());
        assertThat(reader.index()).hasSize(items.size());
        assertThat(reader.index().values()).allMatch(r -> r.sha256().length() == 64 && r.size() > 0);
        BackupSummary summary = new BackupCatalog(storage, BackupKind.KUBERNETES).list().get(0);
        assertThat(summary.status()).isEqualTo(BackupStatus.Completed);
        assertThat(summary.objectCount()).isEqualTo(items.size());
    }

    @Test
    void wholeClusterBackupTakesAllClusterScopedTypesButNeverNodesOrEvents() throws Exception {
        fixture.backup(cluster, storage, BackupSpec.builder().name("all").build(), null);
        List<BackupReader.StoredItem> items = BackupReader.open(storage, "all", Optional.empty()).readAll();
        assertThat(names(items, "persistentvolumes")).containsExactly("pv-db-0", "pv-unrelated");
        assertThat(names(items, "validatingwebhookconfigurations.admissionregistration.k8s.io")).containsExactly("shop-policy");
        assertThat(names(items, "configmaps")).contains("unrelated/other-config");
        assertThat(names(items, "nodes")).isEmpty();
        assertThat(names(items, "events")).isEmpty();
        // left out by rule, and said so
        assertThat(BackupReader.open(storage, "all", Optional.empty()).manifest().skipped()).contains(
                new BackupManifest.Skipped("nodes", null, "never backed up: registered by their kubelets"),
                new BackupManifest.Skipped("events", null, "never backed up: " + ResourceFilter.NEVER.get("events")),
                new BackupManifest.Skipped("pods.metrics.k8s.io", null, "never backed up: " + ResourceFilter.NEVER_GROUPS.get("metrics.k8s.io")));
    }

    @Test
    void filtersByResourceLabelAndClusterScope() throws Exception {
        fixture.backup(cluster, storage, shop().name("f1").includeResources(List.of("configmaps", "*.shop.example.com"))
                .includeClusterResources(false).build(), null);
        List<BackupReader.StoredItem> items = BackupReader.open(storage, "f1", Optional.empty()).readAll();
        assertThat(items).extracting(i -> i.record().resource()).containsOnly("configmaps", "featureflags.shop.example.com");

        fixture.backup(cluster, storage, shop().name("f2").excludeResources(List.of("secrets", "deployments.apps"))
                .labelSelector("app=web").build(), null);
        items = BackupReader.open(storage, "f2", Optional.empty()).readAll();
        assertThat(items).extracting(i -> i.record().resource()).doesNotContain("secrets", "deployments.apps");
        // the label selector applies to the selection, not to the namespaces and CRDs it needs
        assertThat(names(items, "configmaps")).containsExactly("shop/web-config");
        assertThat(names(items, "namespaces")).containsExactly("shop", "shop-data");

        fixture.backup(cluster, storage, BackupSpec.builder().name("f3").includeNamespaces(List.of("shop*"))
                .excludeNamespaces(List.of("shop-data")).build(), null);
        items = BackupReader.open(storage, "f3", Optional.empty()).readAll();
        assertThat(items).filteredOn(i -> i.record().namespace() != null).extracting(i -> i.record().namespace()).containsOnly("shop");
    }

    @Test
    void pagesThroughLargeListsAndRecoversFromExpiredContinueTokens() throws Exception {
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("bulk").endMetadata().build()).create();
        for (int i = 0; i < 120; i++) {
            cluster.client().configMaps().inNamespace("bulk").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName(String.format("cm-%03d", i)).endMetadata().addToData("i", "" + i).build()).create();
        }
        cluster.faults().expireNextContinueTokens(2);

        BackupResult result = fixture.backup(cluster, storage, BackupSpec.builder().name("paged")
                .includeNamespaces(List.of("bulk")).includeResources(List.of("configmaps")).pageSize(25).build(), null);

        assertThat(result.status()).isEqualTo(BackupStatus.Completed);
        assertThat(cluster.pagedListRequests()).isGreaterThanOrEqualTo(5);
        assertThat(cluster.faults().expiredCount()).isEqualTo(2);
        assertThat(fixture.log).anyMatch(l -> l.contains("410 Gone"));
        BackupReader reader = BackupReader.open(storage, "paged", Optional.empty());
        List<BackupReader.StoredItem> items = reader.readAll();
        assertThat(names(items, "configmaps")).hasSize(120).doesNotHaveDuplicates();
        // the restarts are in the manifest, not only in the log; they lost nothing, so the backup stays Completed
        BackupManifest.Degradation restarted = reader.manifest().degradations().get(0);
        assertThat(reader.manifest().degradations()).hasSize(1);
        assertThat(restarted.kind()).isEqualTo(BackupManifest.DegradationKind.ListRestarted);
        assertThat(restarted.subject()).isEqualTo("configmaps");
        assertThat(restarted.detail()).contains("restarted 2 time(s) after 410 Gone");
        assertThat(restarted.incomplete()).isFalse();
    }

    @Test
    void survives429Storms() throws Exception {
        BackupResult calm = fixture.backup(cluster, storage, shop().name("calm").build(), null);
        cluster.faults().throttleReads(0.4);
        BackupResult stormy = fixture.backup(cluster, storage, shop().name("stormy").build(), null);
        int throttled = cluster.faults().throttledCount();
        assertThat(throttled).isGreaterThanOrEqualTo(BackupRunner.THROTTLED_THRESHOLD);
        assertThat(stormy.status()).isEqualTo(BackupStatus.Completed);
        assertThat(stormy.countsByType()).isEqualTo(calm.countsByType());
        assertThat(calm.degradations()).isEmpty();
        assertThat(BackupReader.open(storage, "stormy", Optional.empty()).manifest().degradations()).containsExactly(
                new BackupManifest.Degradation(BackupManifest.DegradationKind.Throttled, "api-server",
                        throttled + " requests were answered 429 Too Many Requests and retried after a backoff", false));
    }

    @Test
    void encryptsSecretsSoNoPlaintextReachesStorage() throws Exception {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        EncryptionKey key = EncryptionKey.ofBytes(raw);
        fixture.backup(cluster, storage, shop().encryption(BackupSpec.EncryptionMode.secrets).build(), key);

        for (byte[] stored : allStoredBytesDecompressed()) {
            String text = new String(stored, StandardCharsets.ISO_8859_1);
            for (String secret : SampleApp.SECRET_VALUES) {
                assertThat(text).doesNotContain(secret)
                        .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(new String(Files.readAllBytes(storage.root().resolve("backups/b1/resources/secrets.tar.zst")), 0, 4,
                StandardCharsets.US_ASCII)).as("the secrets' archive is encrypted as a whole").isEqualTo("K8BS");
        assertThatThrownBy(() -> BackupReader.open(storage, "b1", Optional.empty()))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("encrypted objects").hasMessageContaining(key.fingerprint());
        List<BackupReader.StoredItem> items = BackupReader.open(storage, "b1", Optional.of(key)).readAll();
        JsonNode secret = items.stream().filter(i -> i.record().name().equals("db-credentials")).findFirst().orElseThrow().object();
        assertThat(new String(Base64.getDecoder().decode(secret.at("/data/POSTGRES_PASSWORD").asText()))).isEqualTo("hunter2-db-password");
        assertThat(items).filteredOn(i -> i.record().resource().equals("secrets")).allMatch(i -> i.record().encrypted());
        assertThat(items).filteredOn(i -> !i.record().resource().equals("secrets")).noneMatch(i -> i.record().encrypted());
        // the list still works without the key
        assertThat(new BackupCatalog(storage, BackupKind.KUBERNETES).list()).extracting(BackupSummary::status).containsExactly(BackupStatus.Completed);
    }

    /**
     * Every stored file, with zstd undone, so a search sees the tar entries' bytes; an encrypted archive (format 3:
     * compressed, then encrypted) as stored.
     */
    private List<byte[]> allStoredBytesDecompressed() throws Exception {
        try (Stream<Path> files = Files.walk(storage.root())) {
            return files.filter(Files::isRegularFile).map(p -> {
                try {
                    byte[] b = Files.readAllBytes(p);
                    if (p.toString().endsWith(".zst") && !new String(b, 0, Math.min(4, b.length), StandardCharsets.US_ASCII).equals("K8BS")) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        try (var in = new com.github.luben.zstd.ZstdInputStream(new java.io.ByteArrayInputStream(b))) {
                            in.transferTo(out);
                        }
                        return out.toByteArray();
                    }
                    return b;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }).toList();
        }
    }

    @Test
    void storageDyingMidWriteLeavesNoCompleteBackup() throws Exception {
        FailingStorage dying = FailingStorage.dyingAfter(storage, 200);
        assertThatThrownBy(() -> fixture.backup(cluster, dying, shop().build(), null))
                .hasMessageContaining("simulated storage failure");
        assertThat(storage.exists("backups/b1/manifest.json")).isFalse();
        assertThat(new BackupCatalog(storage, BackupKind.KUBERNETES).list())
                .allMatch(s -> s.status() == BackupStatus.Incomplete);
        assertThatThrownBy(() -> BackupReader.open(storage, "b1", Optional.empty())).hasMessageContaining("b1");
        // every type archive the parallel lists had open was aborted, and what was written is gone
        assertThat(storage.list("")).noneMatch(o -> o.key().startsWith("backups/b1/"));
        try (var files = java.nio.file.Files.walk(dir)) {
            assertThat(files.filter(java.nio.file.Files::isRegularFile).map(Object::toString)).noneMatch(f -> f.contains("b1"));
        }
    }

    @Test
    void refusesToOverwriteAnExistingBackupAndBadNames() throws Exception {
        fixture.backup(cluster, storage, shop().build(), null);
        long before = storage.list("").size();
        assertThatThrownBy(() -> fixture.backup(cluster, storage, shop().build(), null)).hasMessageContaining("already exists");
        assertThatThrownBy(() -> fixture.backup(cluster, storage, shop().name("../etc").build(), null)).hasMessageContaining("invalid backup name");
        assertThat(storage.list("")).hasSize((int) before);
    }

    @Test
    void unreachableServerFailsClearlyAndStoresNothing() throws Exception {
        int port = cluster.port();
        cluster.close();
        assertThatThrownBy(() -> fixture.backup(cluster, storage, shop().build(), null))
                .isInstanceOf(KubernetesUnavailableException.class)
                .hasMessageContaining("cannot reach the Kubernetes API at http://127.0.0.1:" + port);
        assertThat(storage.list("")).isEmpty();
        cluster = MockCluster.start();
    }

    @Test
    void aClusterWithoutKubeSystemIsBackedUpWithoutAnIdentity() throws Exception {
        cluster.client().namespaces().withName("kube-system").delete();

        BackupResult result = fixture.backup(cluster, storage, shop().build(), null);

        assertThat(result.status()).isEqualTo(BackupStatus.Completed);
        assertThat(BackupReader.open(storage, "b1", Optional.empty()).manifest().cluster().kubeSystemUid()).isNull();
        assertThat(fixture.log).anyMatch(l -> l.contains("no namespace kube-system; its identity is not recorded"));
    }

    @Test
    void recordsSha256OfStoredBytes() throws Exception {
        fixture.backup(cluster, storage, shop().build(), null);
        BackupReader reader = BackupReader.open(storage, "b1", Optional.empty());
        for (BackupReader.StoredItem item : reader.readAll()) {
            ObjectRecord r = item.record();
            byte[] json = io.jenkins.plugins.k8sbackup.util.Json.MAPPER.writeValueAsBytes(item.object());
            assertThat(io.jenkins.plugins.k8sbackup.util.Sha256.hex(json)).as(r.path()).isEqualTo(r.sha256());
        }
    }

    /**
     * What a backup leaves to the controllers that rebuild it: only what a controller really rebuilds, each skip
     * counted in the manifest. The shop's Service "web" has a selector; "external" has none (its endpoints are
     * written by hand, and nobody would rebuild them).
     */
    @Nested
    class RebuildRules {
        @BeforeEach
        void addEndpointsSlicesAndPods() {
            KubernetesClient c = cluster.client();
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

        private static List<BackupManifest.Skipped> ruleSkips(BackupManifest m) {
            return m.skipped().stream().filter(s -> s.count() != null).toList();
        }

        @Test
        void leavesOutOnlyWhatAControllerRebuildsAndRecordsEachSkip() throws Exception {
            BackupResult result = fixture.backup(cluster, storage, BackupSpec.builder().name("b")
                    .includeNamespaces(List.of("shop")).build(), null);

            assertThat(result.status()).isEqualTo(BackupStatus.Completed);
            BackupReader reader = BackupReader.open(storage, "b", Optional.empty());
            assertThat(names(reader.readAll(), "endpointslices.discovery.k8s.io"))
                    .containsExactly("shop/no-service", "shop/selectorless", "shop/web-by-hand");
            assertThat(names(reader.readAll(), "endpoints")).containsExactly("shop/external");
            assertThat(names(reader.readAll(), "pods")).containsExactly("shop/debug-shell", "shop/orphan-of-gone-rs");
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
            assertThat(names(reader.readAll(), "endpointslices.discovery.k8s.io")).hasSize(4);
            assertThat(names(reader.readAll(), "endpoints")).containsExactly("shop/external", "shop/web");
            assertThat(names(reader.readAll(), "pods"))
                    .containsExactly("shop/debug-shell", "shop/orphan-of-gone-rs", "shop/web-6d4cf56db6-abcde");
            assertThat(ruleSkips(reader.manifest())).containsExactly(new BackupManifest.Skipped("pods", 1L, RebuiltObjects.MIRROR_POD));
        }

        @Test
        void includeOwnedPodsKeepsEveryPod() throws Exception {
            fixture.backup(cluster, storage, BackupSpec.builder().name("b").includeNamespaces(List.of("shop"))
                    .includeResources(List.of("pods", "replicasets")).includeOwnedPods(true).build(), null);

            BackupReader reader = BackupReader.open(storage, "b", Optional.empty());
            assertThat(names(reader.readAll(), "pods")).containsExactly("shop/debug-shell", "shop/kube-proxy-worker-1",
                    "shop/orphan-of-gone-rs", "shop/web-6d4cf56db6-abcde");
            assertThat(ruleSkips(reader.manifest())).isEmpty();
        }
    }

    /** A group whose discovery fails (an APIService without a backend: Stale, or 503) is in the manifest and in the status. */
    @Nested
    class DiscoveryDegradations {
        private BackupManifest manifest(String name) throws Exception {
            return BackupReader.open(storage, name, Optional.empty()).manifest();
        }

        @ParameterizedTest(name = "legacy discovery: {0}")
        @ValueSource(booleans = {false, true})
        void aSelectedGroupThatCannotBeDiscoveredMakesTheBackupPartiallyFailed(boolean legacy) throws Exception {
            cluster.faults().legacyDiscoveryOnly(legacy).breakDiscoveryOf("shop.example.com/v1");

            BackupResult result = fixture.backup(cluster, storage, BackupSpec.builder().name("b")
                    .includeNamespaces(SampleApp.NAMESPACES).build(), null);

            assertThat(result.status()).isEqualTo(BackupStatus.PartiallyFailed);
            assertThat(result.status().exitCode()).isEqualTo(3);
            assertThat(result.countsByType()).doesNotContainKey("featureflags.shop.example.com").containsKey("configmaps");
            BackupManifest m = manifest("b");
            assertThat(m.status()).isEqualTo(BackupStatus.PartiallyFailed);
            assertThat(m.degradations()).containsExactly(new BackupManifest.Degradation(
                    legacy ? BackupManifest.DegradationKind.DiscoveryFailed : BackupManifest.DegradationKind.DiscoveryStale,
                    "shop.example.com/v1", "discovery of shop.example.com/v1 failed (" + (legacy ? "503" : "stale: its API server did not answer")
                            + "): its resources are not backed up", true));
            assertThat(m.warnings()).anyMatch(w -> w.contains("shop.example.com/v1"));
        }

        @Test
        void aGroupTheSelectionCannotTakeIsRecordedButLosesNothing() throws Exception {
            cluster.faults().breakDiscoveryOf("shop.example.com/v1").breakDiscoveryOf("metrics.k8s.io/v1beta1");

            BackupResult excluded = fixture.backup(cluster, storage, BackupSpec.builder().name("excluded")
                    .includeNamespaces(SampleApp.NAMESPACES).excludeResources(List.of("*.shop.example.com")).build(), null);
            BackupResult qualified = fixture.backup(cluster, storage, BackupSpec.builder().name("cms")
                    .includeNamespaces(SampleApp.NAMESPACES).includeResources(List.of("deployments.apps", "*.batch")).build(), null);
            BackupResult otherGroup = fixture.backup(cluster, storage, BackupSpec.builder().name("other")
                    .includeNamespaces(SampleApp.NAMESPACES).includeResources(List.of("*.example.org")).build(), null);

            for (String name : List.of("excluded", "cms", "other")) {
                BackupManifest m = manifest(name);
                assertThat(m.status()).as(name).isEqualTo(BackupStatus.Completed);
                // both failures are on record; neither could have held a selected object (metrics are never backed up)
                assertThat(m.degradations()).as(name).extracting(BackupManifest.Degradation::subject)
                        .containsExactlyInAnyOrder("shop.example.com/v1", "metrics.k8s.io/v1beta1");
                assertThat(m.degradations()).as(name).noneMatch(BackupManifest.Degradation::incomplete);
            }
            assertThat(List.of(excluded, qualified, otherGroup)).allMatch(r -> r.status() == BackupStatus.Completed);

            // a plural without a group (even "configmaps") may name a type of the broken group: it may have been missed
            fixture.backup(cluster, storage, BackupSpec.builder().name("plural").includeNamespaces(SampleApp.NAMESPACES)
                    .includeResources(List.of("featureflags")).build(), null);
            assertThat(manifest("plural").status()).isEqualTo(BackupStatus.PartiallyFailed);
        }

        @Test
        void aBrokenMetricsApiAloneLeavesAWholeClusterBackupCompleted() throws Exception {
            cluster.faults().breakDiscoveryOf("metrics.k8s.io/v1beta1");

            BackupResult result = fixture.backup(cluster, storage, BackupSpec.builder().name("all").build(), null);

            assertThat(result.status()).isEqualTo(BackupStatus.Completed);
            assertThat(result.degradations()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(BackupManifest.DegradationKind.DiscoveryStale);
                assertThat(d.incomplete()).isFalse();
            });
        }
    }
}
