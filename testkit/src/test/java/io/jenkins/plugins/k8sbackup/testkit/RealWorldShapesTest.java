package io.jenkins.plugins.k8sbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fixture says what it means, and the embedded API serves its shapes as a real API server does. */
class RealWorldShapesTest {
    MockCluster cluster;
    KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        cluster = MockCluster.start();
        client = cluster.client();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static HasMetadata named(List<HasMetadata> items, String name) {
        return items.stream().filter(i -> name.equals(i.getMetadata().getName())).findFirst().orElseThrow();
    }

    @Test
    void yamlHostileKeysAndValuesAreTheStringsTheyLookLike() {
        List<HasMetadata> config = RealWorldShapes.objects(client, RealWorldShapes.Shape.CONFIG);

        Map<String, String> keys = ((ConfigMap) named(config, "integer-like-keys")).getData();
        assertThat(keys).containsEntry("1", "one").containsEntry("007", "bond").containsEntry("10", "0010")
                .containsEntry("true", "yes").containsEntry("null", "~").containsEntry("1.0", "1.10").hasSize(10);
        Map<String, String> values = ((ConfigMap) named(config, "yaml-hostile-values")).getData();
        assertThat(values).containsEntry("sexagesimal", "12:30").containsEntry("old-octal", "012").containsEntry("tilde", "~")
                .containsEntry("bool-off", "off").containsEntry("trailing-space", "trailing ").containsEntry("empty", "")
                .containsEntry("crlf", "line1\r\nline2").containsEntry("unicode", "ünïcødé ✓ 日本語 🚀");
        assertThat(((ConfigMap) named(config, "helm-templates")).getData().get("_helpers.tpl"))
                .startsWith("{{- define \"shop.fullname\" -}}\n").endsWith("{{- end }}\n");
        assertThat(((Secret) named(config, "app-credentials")).getStringData()).containsEntry("password", "p@ss:w0rd {{not-a-template}} #1");
    }

    @Test
    void theHugeCrdIsHuge() {
        JsonNode crd = RealWorldShapes.hugeCrd();
        int schema = crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema").toString()
                .getBytes(StandardCharsets.UTF_8).length;
        assertThat(schema).isGreaterThan(RealWorldShapes.HUGE_SCHEMA_MIN_BYTES);
    }

    @Test
    void seedsEveryShapeAndSaysWhatItCreated() {
        List<RealWorldShapes.Seeded> seeded = RealWorldShapes.seed(client);

        assertThat(seeded).extracting(RealWorldShapes.Seeded::shape).doesNotContain(RealWorldShapes.Shape.AGGREGATED_API)
                .contains(RealWorldShapes.Shape.values()[0]);
        for (RealWorldShapes.Seeded s : seeded) {
            var ops = client.genericKubernetesResources(s.apiVersion(), s.kind());
            GenericKubernetesResource live = (s.namespaced() ? ops.inNamespace(s.namespace()).withName(s.name()) : ops.withName(s.name())).get();
            assertThat(live).as(s.ref()).isNotNull();
        }
        // the API server named what was created with generateName
        assertThat(seeded).filteredOn(s -> s.shape() == RealWorldShapes.Shape.GENERATE_NAME)
                .allSatisfy(s -> assertThat(s.name()).startsWith(s.source().path("metadata").path("generateName").asText()).isNotEqualTo(
                        s.source().path("metadata").path("generateName").asText()));
        // owner references got their owners' uids
        Map<String, String> pod = client.pods().inNamespace("legacy").withName("frontend-7xkq2").get().getMetadata().getOwnerReferences()
                .stream().collect(java.util.stream.Collectors.toMap(r -> r.getKind(), r -> r.getUid()));
        assertThat(pod).containsEntry("ReplicationController",
                client.replicationControllers().inNamespace("legacy").withName("frontend").get().getMetadata().getUid());
        // what a cluster's controllers rebuild, and only that
        assertThat(seeded).filteredOn(RealWorldShapes.Seeded::rebuiltByController).extracting(RealWorldShapes.Seeded::name)
                .contains("frontend-7xkq2", "frontend-m2p9d", "web", "external-db-mirror", "kube-root-ca.crt", "default")
                .doesNotContain("debug-shell", "external-db", "legacy-backends").hasSize(7);
    }

    @Test
    void secretsWrittenWithStringDataAreStoredAsData() {
        RealWorldShapes.seed(client, RealWorldShapes.Shape.NAMESPACES);
        RealWorldShapes.seed(client, RealWorldShapes.Shape.CONFIG);

        Secret mixed = client.secrets().inNamespace("shop").withName("mixed-data").get();
        assertThat(mixed.getStringData()).isNullOrEmpty();
        assertThat(decoded(mixed)).isEqualTo(Map.of("kept", "kept", "overridden", "new", "added", "007"));
        Secret credentials = client.secrets().inNamespace("shop").withName("app-credentials").get();
        assertThat(decoded(credentials)).containsEntry("username", "admin").containsEntry("password", "p@ss:w0rd {{not-a-template}} #1");

        client.secrets().inNamespace("shop").withName("mixed-data")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"stringData\":{\"kept\":\"changed\"}}");
        Secret patched = client.secrets().inNamespace("shop").withName("mixed-data").get();
        assertThat(patched.getStringData()).isNullOrEmpty();
        assertThat(decoded(patched)).containsEntry("kept", "changed").containsEntry("added", "007");
    }

    private static Map<String, String> decoded(Secret s) {
        return s.getData().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> new String(Base64.getDecoder().decode(e.getValue()), StandardCharsets.UTF_8)));
    }

    @Test
    void aCrdGroupPrefersItsHighestPriorityServedVersionAndListsEachKindWhereItIsServed() {
        RealWorldShapes.seed(client, RealWorldShapes.Shape.MULTI_VERSION_CRDS);

        APIGroup ci = group("ci.example.com");
        assertThat(ci.getPreferredVersion().getVersion()).isEqualTo("v1beta2");
        assertThat(ci.getVersions()).extracting(v -> v.getVersion()).containsExactly("v1beta2", "v1beta1");
        APIGroup ops = group("ops.example.com");
        assertThat(ops.getPreferredVersion().getVersion()).isEqualTo("v1");
        assertThat(ops.getVersions()).extracting(v -> v.getVersion()).containsExactly("v1", "v1alpha1"); // v1alpha2 is not served
        assertThat(kinds("ci.example.com/v1beta2")).containsExactly("Pipeline");
        assertThat(kinds("ci.example.com/v1beta1")).containsExactlyInAnyOrder("Pipeline", "Run", "Trigger");
        assertThat(kinds("ops.example.com/v1")).containsExactly("Cluster");
        assertThat(kinds("ops.example.com/v1alpha1")).containsExactlyInAnyOrder("Cluster", "Backup", "StoragePool");
    }

    private APIGroup group(String name) {
        return client.getApiGroups().getGroups().stream().filter(g -> g.getName().equals(name)).findFirst().orElseThrow();
    }

    private List<String> kinds(String groupVersion) {
        return client.getApiResources(groupVersion).getResources().stream().filter(r -> !r.getName().contains("/"))
                .map(APIResource::getKind).toList();
    }

    @Test
    void anAggregatedApiWithoutItsServiceIsListedButItsDiscoveryFails() throws Exception {
        RealWorldShapes.seed(client, RealWorldShapes.Shape.NAMESPACES);
        RealWorldShapes.seed(client, RealWorldShapes.Shape.AGGREGATED_API);

        assertThat(group("wardle.example.com").getPreferredVersion().getVersion()).isEqualTo("v1alpha1");
        assertThatThrownBy(() -> client.getApiResources(RealWorldShapes.AGGREGATED_GROUP_VERSION))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(503));
        assertThat(aggregatedFreshness()).isEqualTo("Stale");

        client.services().inNamespace("wardle").resource(new ServiceBuilder().withNewMetadata().withName("api")
                .endMetadata().withNewSpec().addNewPort().withPort(443).endPort().endSpec().build()).create();
        assertThat(client.getApiResources(RealWorldShapes.AGGREGATED_GROUP_VERSION).getResources()).isEmpty();
        assertThat(aggregatedFreshness()).isEqualTo("Current");
    }

    private String aggregatedFreshness() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(cluster.url() + "/apis"))
                .header("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
                .header("Authorization", "Bearer " + MockCluster.TOKEN).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        for (JsonNode g : Serialization.jsonMapper().readTree(response.body()).path("items")) {
            if (g.path("metadata").path("name").asText().equals("wardle.example.com")) {
                return g.path("versions").path(0).path("freshness").asText();
            }
        }
        throw new AssertionError("wardle.example.com is not in the aggregated discovery document");
    }

    @Test
    void aWebhookWhoseServiceIsMissingRefusesWhatItMatchesOnceEnforced() {
        RealWorldShapes.seed(client, RealWorldShapes.Shape.NAMESPACES);
        RealWorldShapes.seed(client, RealWorldShapes.Shape.ADMISSION_WEBHOOKS);
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("shop").endMetadata().build();
        client.resource(cm).create(); // the CRUD mock calls no webhook by default

        cluster.faults().enforceAdmissionWebhooks(true);

        assertThatThrownBy(() -> client.resource(new ConfigMapBuilder(cm).editMetadata().withName("d").endMetadata().build()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(500);
                    assertThat(e.getStatus().getMessage()).contains("failed calling webhook \"validate.policy-gate.example.com\"")
                            .contains("service \"policy-gate-webhook\" not found");
                });
        assertThat(cluster.writeLog()).last().asString().endsWith("-> 500");
        // DELETE is matched only by the failurePolicy Ignore webhook; webhook configurations are never sent to webhooks
        assertThat(client.resource(cm).delete()).isNotEmpty();
        client.admissionRegistration().v1().validatingWebhookConfigurations().withName("policy-gate").delete();
        assertThat(client.resource(cm).create().getMetadata().getName()).isEqualTo("c");
        // the mutating one matches pods only
        assertThatThrownBy(() -> client.pods().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("p").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("i")
                .endContainer().endSpec().build()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
                        .contains("\"inject.mesh.example.com\"").contains("service \"sidecar-injector\" not found"));
        // once its Service exists, the mock takes it to allow everything
        client.services().inNamespace("mesh-system").resource(new ServiceBuilder().withNewMetadata().withName("sidecar-injector")
                .endMetadata().withNewSpec().addNewPort().withPort(443).endPort().endSpec().build()).create();
        assertThat(client.pods().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("p").endMetadata().build()).create()).isNotNull();
    }
}
