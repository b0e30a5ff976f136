package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.crypto.DecryptionException;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.testkit.ApiFaults;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreRunnerTest {
    static final String CRD = "featureflags.shop.example.com";
    @TempDir
    Path dir;
    RestoreTestSupport t;
    WorkloadSimulator simulator;
    KubernetesClient admin;

    @BeforeEach
    void setUp() throws Exception {
        t = new RestoreTestSupport(dir);
        admin = t.cluster.client();
        simulator = new WorkloadSimulator(admin);
        t.backupShop("b1", null);
        t.cluster.clearWriteLog();
    }

    @AfterEach
    void tearDown() {
        simulator.close();
        t.close();
    }

    private RestoreSpec.Builder shop() {
        return RestoreSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES);
    }

    /** The accident, including the cluster-scoped parts: CRD, webhook and the app's PV. */
    private void loseEverything() throws Exception {
        t.deleteNamespaces(SampleApp.NAMESPACES);
        admin.apiextensions().v1().customResourceDefinitions().withName(CRD).delete();
        admin.admissionRegistration().v1().validatingWebhookConfigurations().withName("shop-policy").delete();
        admin.persistentVolumes().withName("pv-db-0").delete();
        t.cluster.clearWriteLog();
    }

    private static RestoreItem item(RestoreReport r, String resource, String name) {
        return r.items().stream().filter(i -> i.resource().equals(resource) && i.name().equals(name)).findFirst().orElseThrow();
    }

    private int firstPost(List<String> writes, String fragment) {
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i).startsWith("POST ") && writes.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no POST to " + fragment + " in " + writes);
    }

    private int lastPost(List<String> writes, String fragment) {
        for (int i = writes.size() - 1; i >= 0; i--) {
            if (writes.get(i).startsWith("POST ") && writes.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no POST to " + fragment + " in " + writes);
    }

    @Test
    void restoresADeletedApplicationInDependencyOrder() throws Exception {
        loseEverything();

        RestoreReport r = t.restore(shop().includeClusterResources(true).build(), null);

        assertThat(r.status()).as(r.errors().toString()).isEqualTo(RunStatus.Completed);
        assertThat(r.exitCode()).isZero();
        assertThat(item(r, "persistentvolumes", "pv-unrelated").action()).isEqualTo(RestoreAction.SKIP_IDENTICAL);
        assertThat(r.counts().failed()).isZero();
        assertThat(r.counts().created()).isGreaterThanOrEqualTo(20);
        List<String> w = t.realWrites();
        // CRD first, and Established before its custom resources
        assertThat(firstPost(w, "/customresourcedefinitions")).isZero();
        assertThat(lastPost(w, "/customresourcedefinitions")).isLessThan(firstPost(w, "/featureflags"));
        assertThat(lastPost(w, "/api/v1/namespaces ->")).isLessThan(firstPost(w, "/configmaps"));
        for (String dep : List.of("/serviceaccounts", "/configmaps", "/secrets", "/persistentvolumeclaims", "/persistentvolumes")) {
            assertThat(lastPost(w, dep)).as(dep).isLessThan(firstPost(w, "/services"));
        }
        assertThat(lastPost(w, "/services")).isLessThan(firstPost(w, "/deployments"));
        assertThat(lastPost(w, "/persistentvolumes")).isLessThan(firstPost(w, "/persistentvolumeclaims"));
        for (String workload : List.of("/deployments", "/statefulsets", "/cronjobs")) {
            assertThat(lastPost(w, workload)).as(workload).isLessThan(firstPost(w, "/ingresses"));
            assertThat(lastPost(w, workload)).isLessThan(firstPost(w, "/featureflags"));
        }
        assertThat(w.stream().filter(x -> x.startsWith("POST ")).reduce((a, b) -> b).orElseThrow())
                .contains("/validatingwebhookconfigurations");
        // everything is back
        assertThat(admin.configMaps().inNamespace("shop").withName("web-config").get().getData()).containsEntry("LOG_LEVEL", "info");
        assertThat(admin.genericKubernetesResources("shop.example.com/v1", "FeatureFlag").inNamespace("shop").list().getItems())
                .hasSize(2);
        assertThat(admin.apps().statefulSets().inNamespace("shop-data").withName("db").get()).isNotNull();
        assertThat(admin.persistentVolumes().withName("pv-db-0").get()).isNotNull();
        // nothing outside the selection was written
        assertThat(w).noneMatch(x -> x.contains("/namespaces/unrelated") || x.contains("pv-unrelated"));
        // without includeClusterResources a namespace restore leaves other cluster objects alone
        admin.admissionRegistration().v1().validatingWebhookConfigurations().withName("shop-policy").delete();
        assertThat(t.restore(shop().build(), null).items()).noneMatch(i -> i.resource().startsWith("validatingwebhook"));
        assertThat(t.fixture.log).anyMatch(l -> l.contains("CRDs Established"));
        assertThat(t.fixture.log.get(t.fixture.log.size() - 1)).startsWith("restore b1: Completed");
    }

    @Test
    void sanitisesWhatTheOldClusterAssigned() throws Exception {
        String oldUid = admin.configMaps().inNamespace("shop").withName("web-config").get().getMetadata().getUid();
        loseEverything();

        RestoreReport r = t.restore(shop().build(), null);

        assertThat(r.status()).isEqualTo(RunStatus.Completed);
        assertThat(admin.configMaps().inNamespace("shop").withName("web-config").get().getMetadata().getUid()).isNotEqualTo(oldUid);
        Service web = admin.services().inNamespace("shop").withName("web").get();
        assertThat(web.getSpec().getClusterIP()).isNotEqualTo("10.96.12.34");
        assertThat(web.getSpec().getClusterIPs()).doesNotContain("10.96.12.34");
        assertThat(web.getSpec().getPorts().get(0).getNodePort()).isNull();
        assertThat(admin.services().inNamespace("shop-data").withName("db").get().getSpec().getClusterIP()).isEqualTo("None");
        assertThat(admin.pods().inNamespace("shop").withName("debug-shell").get().getSpec().getNodeName()).isNull();
        // the generated token is not restored, nor referenced
        assertThat(admin.secrets().inNamespace("shop").withName("web-token-x7k2p").get()).isNull();
        assertThat(item(r, "secrets", "web-token-x7k2p").action()).isEqualTo(RestoreAction.SKIP_RULE);
        ServiceAccount sa = admin.serviceAccounts().inNamespace("shop").withName("web").get();
        assertThat(sa.getSecrets()).isNullOrEmpty();
        // the ReplicaSet's owner (the Deployment) is recreated with a new uid: the reference goes
        assertThat(admin.apps().replicaSets().inNamespace("shop").withName("web-6d4cf56db6").get().getMetadata().getOwnerReferences())
                .isNullOrEmpty();
        // the PV is restored too, so the claim keeps its binding
        PersistentVolumeClaim pvc = admin.persistentVolumeClaims().inNamespace("shop-data").withName("data-db-0").get();
        assertThat(pvc.getSpec().getVolumeName()).isEqualTo("pv-db-0");
        assertThat(admin.persistentVolumes().withName("pv-db-0").get().getSpec().getClaimRef().getUid()).isNull();
        Deployment d = admin.apps().deployments().inNamespace("shop").withName("web").get();
        assertThat(d.getMetadata().getResourceVersion()).isNotNull();
    }

    @Test
    void preservesNodePortsOnRequestAndDropsAClaimBindingWhosePvIsNotRestored() throws Exception {
        loseEverything();
        RestoreReport r = t.restore(shop().preserveNodePorts(true).excludeResources(List.of("persistentvolumes")).build(), null);
        assertThat(r.status()).isEqualTo(RunStatus.Completed);
        assertThat(admin.services().inNamespace("shop").withName("web").get().getSpec().getPorts().get(0).getNodePort()).isEqualTo(30080);
        assertThat(admin.persistentVolumeClaims().inNamespace("shop-data").withName("data-db-0").get().getSpec().getVolumeName()).isNull();
        assertThat(item(r, "persistentvolumeclaims", "data-db-0").message()).contains("volumeName pv-db-0 dropped");
    }

    @Test
    void keepsOwnerReferencesToLiveOwnersAndDropsDanglingOnes() throws Exception {
        Deployment web = admin.apps().deployments().inNamespace("shop").withName("web").get();
        admin.configMaps().inNamespace("shop").resource(new ConfigMapBuilder().withNewMetadata().withName("owned")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("web")
                .withUid(web.getMetadata().getUid()).endOwnerReference().endMetadata().build()).create();
        t.backupShop("b2", null);
        admin.configMaps().inNamespace("shop").withName("owned").delete();
        admin.apps().replicaSets().inNamespace("shop").withName("web-6d4cf56db6").delete();

        // only ConfigMaps and ReplicaSets: the Deployment is not recreated, it stays live with its uid
        RestoreReport r = t.restore(RestoreSpec.builder("b2").includeNamespaces(List.of("shop"))
                .includeResources(List.of("configmaps", "replicasets")).build(), null);

        assertThat(admin.configMaps().inNamespace("shop").withName("owned").get().getMetadata().getOwnerReferences())
                .singleElement().satisfies(o -> assertThat(o.getUid()).isEqualTo(web.getMetadata().getUid()));
        // the sample's ReplicaSet names a Deployment uid that does not exist: kept, the GC would delete it
        assertThat(admin.apps().replicaSets().inNamespace("shop").withName("web-6d4cf56db6").get().getMetadata().getOwnerReferences())
                .isNullOrEmpty();
        assertThat(item(r, "replicasets.apps", "web-6d4cf56db6").message()).contains("reference dropped");
        assertThat(r.warnings()).anyMatch(w -> w.contains("web-6d4cf56db6") && w.contains("neither restored nor live"));
        assertThat(item(r, "namespaces", "shop").action()).isEqualTo(RestoreAction.SKIP_EXISTS);
    }

    @Test
    void mapsNamespacesAndTheReferencesBetweenThem() throws Exception {
        RestoreReport r = t.restore(shop().namespaceMapping(Map.of("shop", "shop-staging", "shop-data", "shop-data-staging")).build(), null);

        assertThat(r.status()).as(r.errors().toString()).isEqualTo(RunStatus.Completed);
        assertThat(admin.namespaces().withName("shop-staging").get().getMetadata().getLabels()).containsEntry("env", "prod");
        assertThat(admin.configMaps().inNamespace("shop-staging").withName("web-config").get()).isNotNull();
        assertThat(admin.rbac().roleBindings().inNamespace("shop-staging").withName("web-reads-config").get().getSubjects())
                .singleElement().satisfies(s -> assertThat(s.getNamespace()).isEqualTo("shop-staging"));
        assertThat(admin.apps().statefulSets().inNamespace("shop-data-staging").withName("db").get()).isNotNull();
        // prod's PV is live and differs (its claim is in shop-data): the clone's claim must not take it
        assertThat(item(r, "persistentvolumes", "pv-db-0").action()).isEqualTo(RestoreAction.SKIP_DIFFERS);
        assertThat(admin.persistentVolumeClaims().inNamespace("shop-data-staging").withName("data-db-0").get().getSpec().getVolumeName())
                .isNull();
        assertThat(admin.persistentVolumes().withName("pv-db-0").get().getSpec().getClaimRef().getNamespace()).isEqualTo("shop-data");
        // the originals are untouched
        assertThat(t.realWrites()).noneMatch(w -> w.contains("/namespaces/shop/") || w.contains("/namespaces/shop-data/"));
        assertThat(item(r, "configmaps", "web-config").namespace()).isEqualTo("shop-staging");
        assertThat(item(r, "configmaps", "web-config").sourceNamespace()).isEqualTo("shop");
    }

    private void plantChanges() {
        admin.configMaps().inNamespace("shop").withName("web-config").edit(c -> {
            c.getData().put("LOG_LEVEL", "debug");
            c.getMetadata().getLabels().put("hotfix", "yes");
            return c;
        });
        t.cluster.clearWriteLog();
    }

    @Test
    void skipPolicyLeavesExistingObjectsAndWarnsWhenTheyDiffer() throws Exception {
        plantChanges();
        RestoreReport r = t.restore(shop().build(), null);
        assertThat(r.status()).isEqualTo(RunStatus.Completed);
        RestoreItem cm = item(r, "configmaps", "web-config");
        assertThat(cm.action()).isEqualTo(RestoreAction.SKIP_DIFFERS);
        assertThat(cm.message()).contains("/data/LOG_LEVEL").contains("/metadata/labels/hotfix");
        assertThat(item(r, "configmaps", "db-config").action()).isEqualTo(RestoreAction.SKIP_IDENTICAL);
        assertThat(item(r, "deployments.apps", "web").action()).isEqualTo(RestoreAction.SKIP_IDENTICAL);
        assertThat(r.warnings()).anyMatch(w -> w.contains("web-config") && w.contains("differs"));
        assertThat(admin.configMaps().inNamespace("shop").withName("web-config").get().getData()).containsEntry("LOG_LEVEL", "debug");
        assertThat(t.realWrites()).isEmpty();
    }

    @Test
    void updatePolicyPatchesTowardsTheBackup() throws Exception {
        plantChanges();
        RestoreReport r = t.restore(shop().existingPolicy(ExistingPolicy.update).build(), null);
        assertThat(r.counts().updated()).isEqualTo(1);
        ConfigMap cm = admin.configMaps().inNamespace("shop").withName("web-config").get();
        assertThat(cm.getData()).containsEntry("LOG_LEVEL", "info");
        assertThat(cm.getMetadata().getLabels()).doesNotContainKey("hotfix").containsEntry("app", "web");
        assertThat(t.realWrites()).singleElement().satisfies(w -> assertThat(w).startsWith("PATCH ").contains("web-config"));
    }

    @Test
    void replacePolicyRecreatesOnlySelectedObjectsThatDiffer() throws Exception {
        plantChanges();
        String oldUid = admin.configMaps().inNamespace("shop").withName("web-config").get().getMetadata().getUid();
        String dbUid = admin.configMaps().inNamespace("shop-data").withName("db-config").get().getMetadata().getUid();
        admin.configMaps().inNamespace("unrelated").withName("other-config").edit(c -> { c.getData().put("x", "2"); return c; });
        t.cluster.clearWriteLog();

        RestoreReport r = t.restore(shop().existingPolicy(ExistingPolicy.replace).build(), null);

        assertThat(r.counts().replaced()).isEqualTo(1);
        ConfigMap cm = admin.configMaps().inNamespace("shop").withName("web-config").get();
        assertThat(cm.getMetadata().getUid()).isNotEqualTo(oldUid);
        assertThat(cm.getData()).containsEntry("LOG_LEVEL", "info");
        assertThat(admin.configMaps().inNamespace("shop-data").withName("db-config").get().getMetadata().getUid()).isEqualTo(dbUid);
        assertThat(admin.configMaps().inNamespace("unrelated").withName("other-config").get().getData()).containsEntry("x", "2");
        List<String> deletes = t.realWrites().stream().filter(w -> w.startsWith("DELETE")).toList();
        assertThat(deletes).singleElement().satisfies(w -> assertThat(w).contains("/namespaces/shop/configmaps/web-config"));
    }

    @Test
    void failPolicyMakesEachExistingObjectAnError() throws Exception {
        RestoreReport r = t.restore(RestoreSpec.builder("b1").objects(List.of("configmaps/shop/web-config", "secrets/shop-data/db-credentials"))
                .existingPolicy(ExistingPolicy.fail).build(), null);
        assertThat(item(r, "configmaps", "web-config").action()).isEqualTo(RestoreAction.FAIL);
        assertThat(item(r, "configmaps", "web-config").message()).contains("already exists");
        assertThat(r.counts().failed()).isEqualTo(2);
        assertThat(r.status()).isNotEqualTo(RunStatus.Completed);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.errors()).hasSize(2);
        assertThat(t.realWrites()).isEmpty();
    }

    @Test
    void dryRunPlansWithTheServerAndWritesNothing() throws Exception {
        loseEverything();
        plantChangesOnUnrelated();
        Map<String, String> before = t.snapshot();

        RestoreReport r = t.restore(shop().dryRun(true).build(), null);

        assertThat(r.dryRun()).isTrue();
        assertThat(r.dryRunMode()).isEqualTo(DryRunMode.server);
        assertThat(r.dryRunNote()).contains("dryRun=All");
        assertThat(r.status()).as(r.errors().toString()).isEqualTo(RunStatus.Completed);
        assertThat(item(r, "configmaps", "web-config").action()).isEqualTo(RestoreAction.CREATE);
        assertThat(item(r, "configmaps", "web-config").message()).contains("client-side only");
        assertThat(item(r, "namespaces", "shop").action()).isEqualTo(RestoreAction.CREATE);
        assertThat(item(r, "persistentvolumes", "pv-db-0").action()).isEqualTo(RestoreAction.CREATE);
        assertThat(item(r, "customresourcedefinitions.apiextensions.k8s.io", CRD).action()).isEqualTo(RestoreAction.CREATE);
        assertThat(item(r, CRD, "dark-mode").action()).isEqualTo(RestoreAction.CREATE);
        assertThat(t.cluster.writeLog()).isNotEmpty().allMatch(w -> w.contains("dryRun=All"));
        assertThat(t.snapshot()).isEqualTo(before);
        assertThat(r.summaryLine()).startsWith("dry-run (server) of restore b1").contains("would create");
    }

    private void plantChangesOnUnrelated() {
        admin.configMaps().inNamespace("unrelated").withName("other-config").edit(c -> { c.getData().put("x", "2"); return c; });
        t.cluster.clearWriteLog();
    }

    @Test
    void dryRunPlansUpdatesOnTheLiveApplication() throws Exception {
        plantChanges();
        Map<String, String> before = t.snapshot();
        RestoreReport r = t.restore(shop().dryRun(true).existingPolicy(ExistingPolicy.update).build(), null);
        assertThat(item(r, "configmaps", "web-config").action()).isEqualTo(RestoreAction.UPDATE);
        assertThat(item(r, "configmaps", "db-config").action()).isEqualTo(RestoreAction.SKIP_IDENTICAL);
        assertThat(t.cluster.writeLog()).anyMatch(w -> w.startsWith("PATCH") && w.contains("dryRun=All"));
        assertThat(t.realWrites()).isEmpty();
        assertThat(t.snapshot()).isEqualTo(before);
    }

    @Test
    void dryRunFallsBackToAClientSidePlanWhenTheServerRefusesOrIgnoresDryRun() throws Exception {
        loseEverything();
        Map<String, String> before = t.snapshot();
        t.cluster.faults().dryRun(ApiFaults.DryRunSupport.REFUSE);
        RestoreReport refused = t.restore(shop().dryRun(true).build(), null);
        assertThat(refused.dryRunMode()).isEqualTo(DryRunMode.client);
        assertThat(refused.dryRunNote()).contains("refused dryRun=All").contains("400");
        assertThat(item(refused, "configmaps", "web-config").action()).isEqualTo(RestoreAction.CREATE);
        assertThat(refused.counts().created()).isGreaterThanOrEqualTo(20);
        assertThat(t.snapshot()).isEqualTo(before);

        t.cluster.faults().dryRun(ApiFaults.DryRunSupport.IGNORE);
        t.cluster.clearWriteLog();
        RestoreReport ignored = t.restore(shop().dryRun(true).build(), null);
        assertThat(ignored.dryRunMode()).isEqualTo(DryRunMode.client);
        assertThat(ignored.dryRunNote()).contains("ignored dryRun=All");
        assertThat(ignored.counts()).isEqualTo(refused.counts());
        // the only writes: the probe, and its removal
        assertThat(t.cluster.writeLog()).hasSize(2).allMatch(w -> w.contains("k8s-backup-dry-run-probe") || w.contains("/configmaps?dryRun"));
        assertThat(t.snapshot()).isEqualTo(before);
    }

    @Test
    void restoresAnEncryptedBackupOnlyWithItsKey() throws Exception {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        EncryptionKey key = EncryptionKey.ofBytes(raw);
        t.backupShop("enc", key);
        loseEverything();

        assertThatThrownBy(() -> t.restore(RestoreSpec.builder("enc").build(), null))
                .isInstanceOf(DecryptionException.class).hasMessageContaining(key.fingerprint());
        assertThat(t.cluster.writeLog()).isEmpty();

        RestoreReport r = t.restore(RestoreSpec.builder("enc").includeNamespaces(SampleApp.NAMESPACES).build(), key);
        assertThat(r.status()).isEqualTo(RunStatus.Completed);
        Secret s = admin.secrets().inNamespace("shop-data").withName("db-credentials").get();
        assertThat(new String(Base64.getDecoder().decode(s.getData().get("POSTGRES_PASSWORD")), StandardCharsets.UTF_8))
                .isEqualTo("hunter2-db-password");
        String report = r.toJson();
        for (String secret : SampleApp.SECRET_VALUES) {
            assertThat(report).doesNotContain(secret);
        }
    }

    @Test
    void everyObjectLandsThrough429Storms() throws Exception {
        loseEverything();
        t.cluster.faults().throttleWrites(0.3);
        RestoreReport r = t.restore(shop().concurrency(4).build(), null);
        assertThat(t.cluster.faults().throttledCount()).isGreaterThan(3);
        assertThat(r.status()).as(r.errors().toString()).isEqualTo(RunStatus.Completed);
        t.cluster.faults().clear();
        RestoreReport again = t.restore(shop().build(), null);
        assertThat(again.counts().created()).isZero();
        assertThat(again.counts().skipped()).isEqualTo(r.counts().created() + r.counts().skipped());
        assertThat(again.items()).filteredOn(i -> i.action() != RestoreAction.SKIP_RULE)
                .allMatch(i -> i.action() == RestoreAction.SKIP_IDENTICAL || i.action() == RestoreAction.SKIP_EXISTS,
                        "identical after the storm");
    }

    @Test
    void aCrdThatNeverBecomesEstablishedFailsItsCustomResourcesOnly() throws Exception {
        loseEverything();
        simulator.neverEstablished(CRD);
        RestoreReport r = t.restore(shop().waitTimeout(Duration.ofMillis(800)).build(), null);
        assertThat(r.status()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(r.errors()).anyMatch(e -> e.contains("CRD " + CRD + " did not become Established within"));
        assertThat(item(r, CRD, "dark-mode").action()).isEqualTo(RestoreAction.FAIL);
        assertThat(item(r, CRD, "dark-mode").message()).contains("did not become Established");
        assertThat(t.realWrites()).noneMatch(w -> w.contains("/featureflags"));
        assertThat(admin.configMaps().inNamespace("shop").withName("web-config").get()).isNotNull();
    }

    @Test
    void selectsSingleObjectsAndByLabelWithTheirNamespaces() throws Exception {
        t.deleteNamespaces(SampleApp.NAMESPACES);
        RestoreReport one = t.restore(RestoreSpec.builder("b1").objects(List.of("configmaps/shop/web-config")).build(), null);
        assertThat(one.items()).extracting(RestoreItem::resource, RestoreItem::name, RestoreItem::action)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("configmaps", "web-config", RestoreAction.CREATE),
                        org.assertj.core.groups.Tuple.tuple("namespaces", "shop", RestoreAction.CREATE));

        RestoreReport db = t.restore(shop().labelSelector("app in (db)").build(), null);
        assertThat(db.items()).filteredOn(i -> i.action() == RestoreAction.CREATE).extracting(RestoreItem::name)
                .contains("db", "db-config", "db-credentials", "data-db-0", "shop-data").doesNotContain("web", "web-secrets");
    }

    @Test
    void reportIsJsonWithAMapForPipelines(@TempDir Path out) throws Exception {
        plantChanges();
        RestoreReport r = t.restore(shop().build(), null);
        Path file = out.resolve("reports/restore.json");
        r.writeTo(file);
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        assertThat(json.path("status").asText()).isEqualTo("Completed");
        assertThat(json.path("items").findValuesAsText("action")).contains("skip-differs", "skip-identical", "skip-rule");
        Map<String, Object> m = r.toMap();
        assertThat(m).containsEntry("status", "Completed").containsEntry("exitCode", 0).containsKeys("created", "warnings", "items");
        assertThatThrownBy(() -> RestoreSpec.builder("b1").namespaceMapping(Map.of("a", "Bad_Name")).build())
                .hasMessageContaining("invalid namespace name");
        assertThatThrownBy(() -> RestoreSpec.builder("b1").objects(List.of("configmaps")).build()).hasMessageContaining("invalid object");
        assertThatThrownBy(() -> RestoreSpec.builder("b1").labelSelector("a in (b").build()).hasMessageContaining("invalid label selector");
    }

    @Test
    void aFreshRestoreWritesEachObjectOnceAndReadsNoneBack() throws Exception {
        for (int i = 0; i < 12; i++) {
            admin.configMaps().inNamespace("shop").resource(new ConfigMapBuilder().withNewMetadata().withName("cm-" + i)
                    .endMetadata().addToData("k", "v" + i).build()).create();
        }
        t.backupShop("b2", null);
        int count = admin.configMaps().inNamespace("shop").list().getItems().size();
        admin.configMaps().inNamespace("shop").delete();
        t.cluster.clearWriteLog();
        int gets = t.cluster.objectGetRequests();
        int discovery = t.cluster.discoveryRequests();

        RestoreReport r = t.restore(RestoreSpec.builder("b2").includeNamespaces(List.of("shop"))
                .includeResources(List.of("configmaps")).build(), null);

        assertThat(r.status()).as(r.errors().toString()).isEqualTo(RunStatus.Completed);
        assertThat(r.counts().created()).isEqualTo(count);
        // one POST per object, as kubectl create does; the answer to it is the only check an object needs
        assertThat(t.realWrites()).hasSize(count).allMatch(w -> w.startsWith("POST /api/v1/namespaces/shop/configmaps"));
        // the only GET: the namespace, which exists (its create is refused with 409 and it is read to be judged)
        assertThat(item(r, "namespaces", "shop").action()).isEqualTo(RestoreAction.SKIP_EXISTS);
        assertThat(t.cluster.objectGetRequests() - gets).isEqualTo(1);
        // discovery once per restore (aggregated, or one request per group version), not per object or type
        assertThat(t.cluster.discoveryRequests() - discovery).isLessThan(40);
    }

    @Test
    void restoreStatusWritesTheStoredStatusOfWhatItCreates() throws Exception {
        Integer ready = null;
        for (long deadline = System.nanoTime() + 20_000_000_000L; ready == null && System.nanoTime() < deadline; Thread.sleep(100)) {
            Deployment web = admin.apps().deployments().inNamespace("shop").withName("web").get();
            ready = web.getStatus() == null ? null : web.getStatus().getReadyReplicas();
        }
        assertThat(ready).as("the simulator made it ready").isNotNull().isPositive();
        t.backupShop("b3", null); // with that status
        simulator.close(); // nothing else writes the status now
        admin.apps().deployments().inNamespace("shop").delete();
        t.cluster.clearWriteLog();

        RestoreReport r = t.restore(RestoreSpec.builder("b3").includeNamespaces(List.of("shop"))
                .includeResources(List.of("deployments")).restoreStatus(true).build(), null);

        assertThat(r.status()).as(r.errors().toString()).isEqualTo(RunStatus.Completed);
        Deployment back = admin.apps().deployments().inNamespace("shop").withName("web").get();
        assertThat(back.getStatus()).isNotNull();
        assertThat(back.getStatus().getReadyReplicas()).isEqualTo(ready);
        assertThat(t.cluster.writeLog()).anyMatch(w -> w.startsWith("PUT ") && w.contains("/deployments/web/status") && w.endsWith("-> 200"));
    }
}
