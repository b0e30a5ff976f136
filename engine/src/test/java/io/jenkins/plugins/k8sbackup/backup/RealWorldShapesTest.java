package io.jenkins.plugins.k8sbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.zjsonpatch.JsonDiff;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.restore.RestoreAction;
import io.jenkins.plugins.k8sbackup.restore.RestoreReport;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.RealWorldShapes;
import io.jenkins.plugins.k8sbackup.testkit.RealWorldShapes.Seeded;
import io.jenkins.plugins.k8sbackup.testkit.RealWorldShapes.Shape;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-world-shapes suite: a cluster seeded with the shapes real installs have ({@link RealWorldShapes}) is
 * backed up, emptied (namespaces' contents, cluster-scoped objects, namespaces) and restored, and every object the
 * fixture created is read back by its own apiVersion, kind, namespace and name: an object the backup missed is found
 * whatever the product's discovery saw. Each object must come back with what a restore promises to keep
 * ({@link PromisedContent}); an object a controller rebuilds may be left out, if the manifest says so.
 * <p>
 * Two backups: "healthy" before the aggregated API without backend is added, "degraded" after; the restore is of
 * "degraded", with the API refusing what a webhook without Service matches, as a real one does. All of it runs once
 * for the class (seconds); each test checks one shape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealWorldShapesTest {
    private static final String AGGREGATED_GROUP = RealWorldShapes.AGGREGATED_GROUP_VERSION.split("/")[0];

    @TempDir
    static Path dir;

    private MockCluster cluster;
    private KubernetesClient admin;
    private WorkloadSimulator simulator;
    private LocalDirectoryStorage storage;
    private final BackupFixture fixture = new BackupFixture();
    /** Everything the fixture created, in seeding order; the aggregated API last (not in the healthy backup). */
    private final List<Seeded> seeded = new ArrayList<>();
    private final Map<Seeded, ResourceDefinitionContext> types = new HashMap<>();
    private final Map<Seeded, JsonNode> before = new LinkedHashMap<>();
    private final Map<Seeded, JsonNode> after = new LinkedHashMap<>();
    private BackupResult healthy;
    private BackupResult degraded;
    private RestoreReport restore;
    private List<String> restoreWrites;

    @BeforeAll
    void seedBackUpDeleteAndRestore() throws Exception {
        cluster = MockCluster.start();
        admin = cluster.client();
        simulator = new WorkloadSimulator(admin); // plays the controllers: CRDs Established, workloads ready
        storage = new LocalDirectoryStorage(dir.resolve("store"));
        seeded.addAll(RealWorldShapes.seed(admin));
        healthy = fixture.backup(cluster, storage, BackupSpec.builder().name("healthy").build(), null);
        seeded.addAll(RealWorldShapes.seed(admin, Shape.AGGREGATED_API));
        Map<String, List<APIResource>> served = new HashMap<>();
        for (Seeded s : seeded) {
            types.put(s, typeOf(s, served));
            before.put(s, read(s));
            assertThat(before.get(s)).as("seeded: " + s).isNotNull();
        }
        degraded = fixture.backup(cluster, storage, BackupSpec.builder().name("degraded").build(), null);

        deleteEverything();
        for (Seeded s : seeded) {
            assertThat(read(s)).as("deleted before the restore: " + s).isNull();
        }

        cluster.faults().enforceAdmissionWebhooks(true);
        cluster.clearWriteLog();
        restore = fixture.restore(cluster, storage, RestoreSpec.builder("degraded").build(), null);
        restoreWrites = cluster.writeLog().stream().filter(w -> !w.contains("/status ")).toList(); // not the simulator's
        for (Seeded s : seeded) {
            after.put(s, read(s));
        }
    }

    @AfterAll
    void stop() {
        simulator.close();
        cluster.close();
    }

    // ---- the restore as a whole -----------------------------------------------------------------------

    @Test
    void theRestoreWritesWhatItTookWithoutAnError() {
        assertThat(restore.errors()).isEmpty();
        assertThat(restore.status()).isEqualTo(RunStatus.Completed);
        assertThat(restore.items()).noneMatch(i -> i.action() == RestoreAction.FAIL);
        assertThat(restore.counts().created()).isGreaterThan(40);
    }

    @Test
    void theComparisonFindsAnObjectTheBackupMissedAndOneThatCameBackChanged() {
        Seeded kept = seeded.stream().filter(s -> s.kind().equals("ConfigMap") && s.name().equals("helm-templates")).findFirst().orElseThrow();
        Seeded neverBackedUp = new Seeded(kept.shape(), kept.apiVersion(), kept.kind(), kept.namespace(), "not-in-any-backup", false,
                kept.source());
        types.put(neverBackedUp, types.get(kept));
        Map<Seeded, JsonNode> seen = new LinkedHashMap<>();
        seen.put(kept, changed(after.get(kept)));
        seen.put(neverBackedUp, read(neverBackedUp));

        List<String> found = problems(List.of(kept, neverBackedUp), Map.of(kept, before.get(kept), neverBackedUp, before.get(kept)), seen);

        assertThat(found).containsExactly(
                kept.ref() + ": differs from before the backup: [{\"op\":\"replace\",\"path\":\"/data/values.tpl\",\"value\":\"changed\"}]",
                neverBackedUp.ref() + ": missing after the restore");
    }

    private static JsonNode changed(JsonNode o) {
        ObjectNode copy = o.deepCopy();
        ((ObjectNode) copy.get("data")).put("values.tpl", "changed");
        return copy;
    }

    // ---- one shape at a time --------------------------------------------------------------------------

    @Test
    void theCrdsOfMultiVersionGroupsComeBack() {
        assertAllBack(s -> s.shape() == Shape.MULTI_VERSION_CRDS, 6);
    }

    @Test
    void customResourcesOfKindsServedAtTheirGroupsPreferredVersionComeBack() {
        assertAllBack(s -> s.shape() == Shape.CUSTOM_RESOURCES && atPreferredVersion(s), 3);
    }

    @Test
    void customResourcesOfKindsServedOnlyAtANonPreferredVersionComeBackAtThatVersion() throws Exception {
        assertAllBack(s -> s.shape() == Shape.CUSTOM_RESOURCES && !atPreferredVersion(s), 5);
        JsonNode manifest = manifest("degraded");
        assertThat(typeVersion(manifest, "runs.ci.example.com")).isEqualTo("ci.example.com/v1beta1");
        assertThat(typeVersion(manifest, "triggers.ci.example.com")).isEqualTo("ci.example.com/v1beta1");
        assertThat(typeVersion(manifest, "pipelines.ci.example.com")).isEqualTo("ci.example.com/v1beta2");
        assertThat(typeVersion(manifest, "backups.ops.example.com")).isEqualTo("ops.example.com/v1alpha1");
        assertThat(typeVersion(manifest, "storagepools.ops.example.com")).isEqualTo("ops.example.com/v1alpha1");
        assertThat(typeVersion(manifest, "clusters.ops.example.com")).isEqualTo("ops.example.com/v1");
    }

    @Test
    void aHugeCrdAndItsCustomResourceComeBack() {
        assertAllBack(s -> s.shape() == Shape.HUGE_CRD, 2);
        JsonNode crd = after.get(only(s -> s.name().equals(RealWorldShapes.HUGE_CRD)));
        assertThat(crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema").toString()
                .getBytes(StandardCharsets.UTF_8).length).isGreaterThan(RealWorldShapes.HUGE_SCHEMA_MIN_BYTES);
    }

    @Test
    void theApiServiceOfAnAggregatedApiWithoutBackendComesBack() {
        assertAllBack(s -> s.shape() == Shape.AGGREGATED_API, 1);
    }

    @Test
    void aBackupThatCouldNotReadAnAggregatedApiIsPartiallyFailedAndNamesItsGroup() throws Exception {
        assertThat(degraded.status()).isEqualTo(BackupStatus.PartiallyFailed);
        JsonNode manifest = manifest("degraded");
        assertThat(manifest.path("status").asText()).isEqualTo("PartiallyFailed");
        assertThat(degradations(manifest)).anyMatch(d -> d.contains(AGGREGATED_GROUP));
        assertThat(degradations(manifest("healthy"))).noneMatch(d -> d.contains(AGGREGATED_GROUP));
    }

    @Test
    void webhookConfigurationsWithoutServiceAreRestoredAfterEverythingElseAndBlockNothing() {
        assertAllBack(s -> s.shape() == Shape.ADMISSION_WEBHOOKS, 3);
        assertThat(restoreWrites).noneMatch(w -> w.endsWith("-> 500"));
        List<String> posts = restoreWrites.stream().filter(w -> w.startsWith("POST ")).toList();
        int firstWebhook = posts.size();
        for (int i = 0; i < posts.size(); i++) {
            if (posts.get(i).contains("webhookconfigurations")) {
                firstWebhook = Math.min(firstWebhook, i);
            }
        }
        assertThat(posts.subList(firstWebhook, posts.size())).as("writes after the first webhook configuration")
                .hasSize(3).allMatch(w -> w.contains("webhookconfigurations"));
    }

    @Test
    void aSecondRestoreChangesNothingThoughTheWebhooksWithoutServiceNowRefuseEveryCreate() throws Exception {
        cluster.clearWriteLog();

        RestoreReport again = fixture.restore(cluster, storage, RestoreSpec.builder("degraded").build(), null);

        assertThat(again.errors()).isEmpty();
        assertThat(again.status()).isEqualTo(RunStatus.Completed);
        assertThat(again.items()).isNotEmpty().allSatisfy(i -> assertThat(i.action()).as(i.ref() + ": " + i.message())
                .isIn(RestoreAction.SKIP_IDENTICAL, RestoreAction.SKIP_EXISTS, RestoreAction.SKIP_RULE));
        List<String> writes = cluster.writeLog().stream().filter(w -> !w.contains("/status ")).toList();
        assertThat(writes).as("refused by the webhooks").anyMatch(w -> w.endsWith("-> 500"));
        assertThat(writes).noneMatch(w -> w.matches(".* -> 2\\d\\d"));
    }

    @Test
    void objectsCreatedWithGenerateNameComeBackOnceUnderTheNameTheyWereGiven() {
        assertAllBack(s -> s.shape() == Shape.GENERATE_NAME, 5);
        assertThat(admin.configMaps().inNamespace("shop").withLabel("app.kubernetes.io/component", "settings").list().getItems())
                .extracting(c -> c.getMetadata().getName())
                .containsExactly(only(s -> s.kind().equals("ConfigMap") && s.shape() == Shape.GENERATE_NAME).name());
    }

    @Test
    void secretsWrittenWithStringDataComeBackWithThatData() {
        List<Seeded> secrets = seeded.stream().filter(s -> s.kind().equals("Secret") && s.source().has("stringData")).toList();
        assertThat(secrets).hasSize(3);
        for (Seeded s : secrets) {
            JsonNode restored = after.get(s);
            assertThat(restored).as(s.ref()).isNotNull();
            assertThat(restored.has("stringData")).as(s.ref()).isFalse();
            Map<String, String> expected = new TreeMap<>();
            s.source().path("data").fields().forEachRemaining(e -> expected.put(e.getKey(), decode(e.getValue().asText())));
            s.source().path("stringData").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
            Map<String, String> actual = new TreeMap<>();
            restored.path("data").fields().forEachRemaining(e -> actual.put(e.getKey(), decode(e.getValue().asText())));
            assertThat(actual).as(s.ref()).isEqualTo(expected);
        }
        assertAllBack(s -> s.kind().equals("Secret") && s.shape() == Shape.CONFIG, 3);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Test
    void configMapsWithIntegerLikeKeysTemplatesAndYamlHostileValuesComeBackExactly() {
        List<Seeded> configMaps = seeded.stream().filter(s -> s.kind().equals("ConfigMap") && s.shape() == Shape.CONFIG).toList();
        assertThat(configMaps).hasSize(4);
        for (Seeded s : configMaps) {
            assertThat(after.get(s)).as(s.ref()).isNotNull();
            assertThat(after.get(s).path("data")).as(s.ref()).isEqualTo(s.source().path("data"));
            assertThat(after.get(s).path("binaryData")).as(s.ref()).isEqualTo(s.source().path("binaryData"));
            assertThat(after.get(s).path("metadata").path("annotations")).as(s.ref()).isEqualTo(s.source().path("metadata").path("annotations"));
        }
        assertThat(after.get(only(s -> s.name().equals("integer-like-keys"))).path("data").path("007").asText()).isEqualTo("bond");
        assertAllBack(s -> s.kind().equals("ConfigMap") && s.shape() == Shape.CONFIG, 4);
    }

    @Test
    void aReplicationControllerAndAPodNobodyOwnsComeBack() {
        assertAllBack(s -> s.shape() == Shape.REPLICATION_CONTROLLERS && !s.rebuiltByController(), 2);
    }

    @Test
    void finalizersAreKept() {
        assertAllBack(s -> s.shape() == Shape.FINALIZERS, 4);
        List<Seeded> withFinalizers = seeded.stream().filter(s -> s.source().path("metadata").has("finalizers")
                && !(s.shape() == Shape.CUSTOM_RESOURCES && !atPreferredVersion(s))).toList();
        assertThat(withFinalizers).hasSize(5); // the FINALIZERS shape and the operator's Cluster
        for (Seeded s : withFinalizers) {
            assertThat(after.get(s)).as(s.ref()).isNotNull();
            assertThat(after.get(s).path("metadata").path("finalizers")).as(s.ref()).isEqualTo(s.source().path("metadata").path("finalizers"));
            assertThat(after.get(s).path("metadata").has("deletionTimestamp")).as(s.ref()).isFalse();
        }
    }

    @Test
    void ordinaryWorkloadsServicesAndEndpointsComeBack() {
        assertAllBack(s -> s.shape() == Shape.WORKLOADS && !s.kind().equals("EndpointSlice"), 6);
        assertAllBack(s -> s.shape() == Shape.NAMESPACES, 7);
    }

    @Test
    void anEndpointSliceWithNoServiceBehindItComesBack() {
        assertAllBack(s -> s.kind().equals("EndpointSlice") && !s.rebuiltByController(), 1);
    }

    // ---- nothing lost without a word ------------------------------------------------------------------

    @Test
    void whatABackupLeavesOutByRuleIsRecordedInItsManifest() throws Exception {
        for (String backup : List.of("healthy", "degraded")) {
            Map<String, Long> leftOut = leftOutByRule(backup);
            assertThat(leftOut).as("the fixture has objects a controller rebuilds, and this backup left some out").isNotEmpty();
            Map<String, JsonNode> recorded = ruleSkips(manifest(backup));
            leftOut.forEach((resource, count) -> {
                assertThat(recorded).as(backup + ": skip of " + resource).containsKey(resource);
                assertThat(recorded.get(resource).path("count").asLong()).as(backup + ": " + resource).isGreaterThanOrEqualTo(count);
                assertThat(recorded.get(resource).path("reason").asText()).as(backup + ": " + resource).isNotBlank();
            });
        }
    }

    @Test
    void everySeededObjectComesBackOrItsAbsenceIsRecorded() throws Exception {
        assertThat(problems(seeded, before, after)).isEmpty();
        Map<String, JsonNode> recorded = ruleSkips(manifest("degraded"));
        for (Seeded s : seeded) {
            if (after.get(s) == null) {
                assertThat(recorded).as("left out by rule, and recorded: " + s).containsKey(qualified(s));
            }
        }
    }

    @Test
    void aBackupSaysCompletedOnlyWhenItTookEverythingItDoesNotAccountFor() throws Exception {
        assertThat(healthy.status()).isEqualTo(BackupStatus.Completed);
        Set<String> indexed = indexed("healthy");
        Map<String, JsonNode> skipped = ruleSkips(manifest("healthy"));
        for (Seeded s : seeded) {
            if (s.shape() == Shape.AGGREGATED_API) {
                continue; // created after the healthy backup
            }
            boolean accounted = indexed.contains(identity(s)) || s.rebuiltByController() && skipped.containsKey(qualified(s));
            assertThat(accounted).as("in the Completed backup, or recorded as left out by rule: " + s).isTrue();
        }
        assertThat(degraded.status()).isNotEqualTo(BackupStatus.Completed);
    }

    // ---- the manifest's records of what a backup left out or could not read ------------------

    /**
     * The manifest's record of the objects a backup left out by rule, by resource ("pods", "endpointslices.discovery.k8s.io").
     * The manifest's {@code "skipped": [{"resource", "count", "reason"}]}.
     */
    private static Map<String, JsonNode> ruleSkips(JsonNode manifest) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode skip : manifest.path("skipped")) {
            out.put(skip.path("resource").asText(), skip);
        }
        return out;
    }

    /**
     * What the manifest says the backup could not read (discovery failures, restarted lists, throttling), each as text.
     * The manifest's {@code "degradations": [{"kind", "subject", "detail", "incomplete"}]}, with the {@code errors}
     * (item errors) read too, since a type that could not be listed is recorded as one.
     */
    private static List<String> degradations(JsonNode manifest) {
        List<String> out = new ArrayList<>();
        manifest.path("degradations").forEach(d -> out.add(d.toString()));
        manifest.path("errors").forEach(e -> out.add(e.toString()));
        return out;
    }

    /** The version a backup read a type at (and a restore writes it at): the manifest's types[].apiVersion. */
    private static String typeVersion(JsonNode manifest, String resource) {
        for (JsonNode t : manifest.path("types")) {
            if (t.path("resource").asText().equals(resource)) {
                return t.path("apiVersion").asText();
            }
        }
        return null;
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** Every selected object is back as it was (as far as a restore promises), and there are as many as expected. */
    private void assertAllBack(Predicate<Seeded> which, int expected) {
        List<Seeded> selected = seeded.stream().filter(which).toList();
        assertThat(selected).as("seeded objects of this shape").hasSize(expected);
        assertThat(problems(selected, before, after)).isEmpty();
    }

    /**
     * What is wrong with the objects after the restore, one line each: missing (unless a controller rebuilds it: see
     * {@link #whatABackupLeavesOutByRuleIsRecordedInItsManifest}), or different from before the backup.
     */
    private static List<String> problems(List<Seeded> which, Map<Seeded, JsonNode> was, Map<Seeded, JsonNode> is) {
        List<String> out = new ArrayList<>();
        for (Seeded s : which) {
            JsonNode now = is.get(s);
            if (now == null) {
                if (!s.rebuiltByController()) {
                    out.add(s.ref() + ": missing after the restore");
                }
                continue;
            }
            JsonNode expected = PromisedContent.of(was.get(s));
            JsonNode actual = PromisedContent.of(now);
            if (!expected.equals(actual)) {
                out.add(s.ref() + ": differs from before the backup: " + JsonDiff.asJson(expected, actual));
            }
        }
        return out;
    }

    private boolean atPreferredVersion(Seeded s) {
        String group = s.apiVersion().split("/")[0];
        return admin.getApiGroups().getGroups().stream().filter(g -> g.getName().equals(group)).findFirst().orElseThrow()
                .getPreferredVersion().getGroupVersion().equals(s.apiVersion());
    }

    private Seeded only(Predicate<Seeded> which) {
        List<Seeded> found = seeded.stream().filter(which).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** The type of a seeded object as the API serves it at the object's own apiVersion (the mock's discovery, not the product's). */
    private ResourceDefinitionContext typeOf(Seeded s, Map<String, List<APIResource>> served) {
        List<APIResource> resources = served.computeIfAbsent(s.apiVersion(), v -> admin.getApiResources(v).getResources());
        APIResource r = resources.stream().filter(x -> x.getKind().equals(s.kind()) && !x.getName().contains("/")).findFirst().orElseThrow();
        int slash = s.apiVersion().indexOf('/');
        return new ResourceDefinitionContext.Builder().withGroup(slash < 0 ? "" : s.apiVersion().substring(0, slash))
                .withVersion(s.apiVersion().substring(slash + 1)).withPlural(r.getName()).withKind(s.kind())
                .withNamespaced(s.namespaced()).build();
    }

    private String qualified(Seeded s) {
        ResourceDefinitionContext t = types.get(s);
        return t.getGroup().isEmpty() ? t.getPlural() : t.getPlural() + "." + t.getGroup();
    }

    private Resource<GenericKubernetesResource> resource(Seeded s) {
        var ops = admin.genericKubernetesResources(types.get(s));
        return s.namespaced() ? ops.inNamespace(s.namespace()).withName(s.name()) : ops.withName(s.name());
    }

    /** The live object at the seeded apiVersion, or null. */
    private JsonNode read(Seeded s) {
        GenericKubernetesResource o = resource(s).get();
        return o == null ? null : Json.MAPPER.valueToTree(o);
    }

    /**
     * The accident, everything the fixture made: in reverse seeding order (webhooks before what they match, custom
     * resources before their CRDs, namespaces last, as the mock deletes no namespace's contents), then what
     * finalizers hold is released, as their controllers would.
     */
    private void deleteEverything() {
        List<Seeded> reverse = new ArrayList<>(seeded);
        Collections.reverse(reverse);
        reverse.forEach(s -> resource(s).delete());
        for (Seeded s : reverse) {
            if (read(s) != null) {
                resource(s).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
                resource(s).delete();
            }
        }
    }

    private JsonNode manifest(String backup) throws Exception {
        try (InputStream in = storage.open(BackupKind.KUBERNETES.keyOf(backup, BackupCatalog.MANIFEST))) {
            return Json.MAPPER.readTree(in);
        }
    }

    /** "group/Kind/namespace/name" of every object in a backup's index: the version it was read at may differ. */
    private Set<String> indexed(String backup) throws Exception {
        return BackupReader.open(storage, backup, Optional.empty()).index().values().stream()
                .map(r -> group(r.apiVersion()) + "/" + r.kind() + "/" + (r.namespace() == null ? "" : r.namespace()) + "/" + r.name())
                .collect(Collectors.toSet());
    }

    private static String identity(Seeded s) {
        return group(s.apiVersion()) + "/" + s.kind() + "/" + (s.namespace() == null ? "" : s.namespace()) + "/" + s.name();
    }

    private static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** Objects a controller rebuilds that a backup did not take, counted by resource. */
    private Map<String, Long> leftOutByRule(String backup) throws Exception {
        Set<String> indexed = indexed(backup);
        return seeded.stream().filter(s -> s.rebuiltByController() && !indexed.contains(identity(s)))
                .collect(Collectors.groupingBy(this::qualified, TreeMap::new, Collectors.counting()));
    }
}
