package io.jenkins.plugins.k8sbackup.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.MultiVersionApi;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against a current API server (aggregated discovery) and one from before Kubernetes 1.26 (legacy: one request per group). */
class ApiDiscoveryTest {
    MockCluster cluster;
    KubernetesClient client;

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client()); // its CRD adds the group shop.example.com
        client = new BackupFixture().engineClient(cluster);
    }

    @AfterEach
    void tearDown() {
        client.close();
        cluster.close();
    }

    private ApiDiscovery.Result discover(boolean legacy) throws InterruptedException {
        cluster.faults().legacyDiscoveryOnly(legacy);
        return ApiDiscovery.discover(client, BackupFixture.fastCaller());
    }

    @ParameterizedTest(name = "legacy server: {0}")
    @ValueSource(booleans = {false, true})
    void findsCoreGroupAndCustomTypesInTheServersOrder(boolean legacy) throws Exception {
        ApiDiscovery.Result result = discover(legacy);

        List<String> names = result.types().stream().map(ResourceType::qualifiedName).toList();
        assertTrue(names.containsAll(List.of("configmaps", "secrets", "deployments.apps", "featureflags.shop.example.com",
                "horizontalpodautoscalers.autoscaling")), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.contains("/")), "subresources are not types: " + names);
        assertEquals(names.size(), names.stream().distinct().count(), "each type once");
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
        ResourceType hpa = result.types().stream().filter(t -> t.plural().equals("horizontalpodautoscalers")).findFirst().orElseThrow();
        assertEquals("autoscaling/v2", hpa.apiVersion(), "the preferred version, not the other one served");
        ResourceType flags = result.types().stream().filter(t -> t.plural().equals("featureflags")).findFirst().orElseThrow();
        assertEquals(new ResourceType("shop.example.com", "v1", "featureflags", "FeatureFlag", true), flags);

        // core first, then each group's types together, groups in the order /apis gives them
        List<String> expectedGroups = new ArrayList<>(List.of(""));
        for (APIGroup g : client.getApiGroups().getGroups()) {
            expectedGroups.add(g.getName());
        }
        List<String> seenGroups = new ArrayList<>();
        for (ResourceType t : result.types()) {
            if (seenGroups.isEmpty() || !seenGroups.get(seenGroups.size() - 1).equals(t.group())) {
                assertFalse(seenGroups.contains(t.group()), "the types of " + t.group() + " are not together: " + names);
                seenGroups.add(t.group());
            }
        }
        assertEquals(expectedGroups.stream().filter(seenGroups::contains).toList(), seenGroups);
        assertTrue(seenGroups.size() > 10, "groups read at once, answers in any order: " + seenGroups);
    }

    @Test
    void aggregatedDiscoveryFindsExactlyWhatTheWalkOfEveryGroupFindsInTwoRequests() throws Exception {
        int groupVersions = client.getApiGroups().getGroups().stream().mapToInt(g -> g.getVersions().size()).sum();
        assertTrue(groupVersions > client.getApiGroups().getGroups().size(), "autoscaling serves v2 and v1");
        int before = cluster.discoveryRequests();
        ApiDiscovery.Result aggregated = discover(false);
        int aggregatedRequests = cluster.discoveryRequests() - before;

        before = cluster.discoveryRequests();
        ApiDiscovery.Result legacy = discover(true);
        int legacyRequests = cluster.discoveryRequests() - before;

        assertEquals(legacy.types(), aggregated.types());
        assertEquals(2, aggregatedRequests, "/api and /apis");
        // the two aggregated requests answered the old way, /apis again, /api/v1 and one per version of each group
        assertEquals(2 + 1 + 1 + groupVersions, legacyRequests);
    }

    @ParameterizedTest(name = "legacy server: {0}")
    @ValueSource(booleans = {false, true})
    void aGroupWhoseDiscoveryFailsIsReportedAndTheRestIsStillFound(boolean legacy) throws Exception {
        cluster.faults().breakDiscoveryOf("shop.example.com/v1");

        ApiDiscovery.Result result = discover(legacy);

        List<String> names = result.types().stream().map(ResourceType::qualifiedName).toList();
        assertFalse(names.contains("featureflags.shop.example.com"), names.toString());
        assertTrue(names.containsAll(List.of("configmaps", "deployments.apps", "customresourcedefinitions.apiextensions.k8s.io")), names.toString());
        String why = legacy ? "503" : "stale: its API server did not answer";
        assertEquals(List.of("discovery of shop.example.com/v1 failed (" + why + "): its resources are not backed up"), result.warnings());
        ApiDiscovery.Failure failure = result.failures().get(0);
        assertEquals("shop.example.com", failure.group());
        assertEquals(!legacy, failure.stale());
    }

    /** The shape of real operator CRDs: kinds served only at versions their group does not prefer (see MultiVersionApi). */
    @ParameterizedTest(name = "legacy server: {0}")
    @ValueSource(booleans = {false, true})
    void takesEveryKindOfAGroupAtThePreferredVersionElseAtTheHighestPriorityVersionServingIt(boolean legacy) throws Exception {
        MultiVersionApi.deploy(cluster.client());
        APIGroup multi = client.getApiGroups().getGroups().stream().filter(g -> g.getName().equals("multi.example.com"))
                .findFirst().orElseThrow();
        assertEquals("v1beta2", multi.getPreferredVersion().getVersion(), "the mock prefers as a real API server does");

        ApiDiscovery.Result result = discover(legacy);

        Map<String, String> versions = new LinkedHashMap<>();
        result.types().stream().filter(t -> t.group().endsWith(".example.com") && !t.group().startsWith("shop"))
                .forEach(t -> versions.put(t.qualifiedName(), t.apiVersion()));
        assertEquals(Map.of(
                "widgets.multi.example.com", "multi.example.com/v1beta2",
                "gadgets.multi.example.com", "multi.example.com/v1beta1",
                "gizmos.multi.example.com", "multi.example.com/v1beta1",
                "dbclusters.ops.example.com", "ops.example.com/v1",
                "dbbackups.ops.example.com", "ops.example.com/v1alpha1",
                "schedules.ops.example.com", "ops.example.com/v1beta1"), versions);
        List<String> names = result.types().stream().map(ResourceType::qualifiedName).toList();
        assertEquals(names.size(), names.stream().distinct().count(), "each kind once: " + names);
        assertEquals("autoscaling/v2", result.types().stream().filter(t -> t.plural().equals("horizontalpodautoscalers"))
                .findFirst().orElseThrow().apiVersion(), "a kind the preferred version serves is taken there");
        assertTrue(result.failures().isEmpty(), result.warnings().toString());
    }

    @ParameterizedTest(name = "legacy server: {0}")
    @ValueSource(booleans = {false, true})
    void aKindWhosePreferredVersionCannotBeReadIsTakenAtAnotherAndTheFailureIsStillReported(boolean legacy) throws Exception {
        MultiVersionApi.deploy(cluster.client());
        cluster.faults().breakDiscoveryOf("multi.example.com/v1beta2");

        ApiDiscovery.Result result = discover(legacy);

        ResourceType widgets = result.types().stream().filter(t -> t.plural().equals("widgets")).findFirst().orElseThrow();
        assertEquals("multi.example.com/v1beta1", widgets.apiVersion());
        assertEquals(List.of("multi.example.com/v1beta2"), result.failures().stream().map(ApiDiscovery.Failure::groupVersion).toList());
    }

    @Test
    void versionsAreTakenPreferredFirstThenInKubernetesOrderWithOtherNamesLast() {
        assertEquals(List.of("v1", "v2", "v10beta1", "v1beta2", "v1beta1", "v2alpha1", "v1alpha1", "bar", "foo"),
                ApiDiscovery.takingOrder("v1", List.of("v1alpha1", "foo", "v1beta1", "v1", "v2", "bar", "v1beta2", "v10beta1",
                        "v2alpha1")));
        assertEquals(List.of("v1beta1", "v1alpha1"), ApiDiscovery.takingOrder(null, List.of("v1alpha1", "v1beta1")));
    }
}
