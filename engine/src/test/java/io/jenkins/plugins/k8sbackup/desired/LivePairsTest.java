package io.jenkins.plugins.k8sbackup.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.selection.CheckedSelection;
import io.jenkins.plugins.k8sbackup.kube.ObjectApi;
import io.jenkins.plugins.k8sbackup.selection.Selection;
import io.jenkins.plugins.k8sbackup.transform.Transforms;
import io.jenkins.plugins.k8sbackup.restore.RestoreTestSupport;
import io.jenkins.plugins.k8sbackup.desired.Sanitizer;
import io.jenkins.plugins.k8sbackup.selection.SelectionPlan;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pairing itself, where the list does not come in the archive's order: one cluster-wide list ("shop-data/..."
 * sorts before "shop/...") against an archive written namespace by namespace ("shop" before "shop-data").
 */
class LivePairsTest {
    private static final List<String> NAMESPACES = List.of("shop", "shop-data", "bulk");

    @TempDir
    Path dir;
    RestoreTestSupport t;

    @BeforeEach
    void setUp() throws Exception {
        t = new RestoreTestSupport(dir);
        t.cluster.seedConfigMapsAndSecrets("bulk", 20, 3);
        t.fixture.backup(t.cluster, t.storage, BackupSpec.builder().name("b1").includeNamespaces(NAMESPACES).build(), null);
        KubernetesClient admin = t.cluster.client();
        admin.configMaps().inNamespace("shop-data").resource(new ConfigMapBuilder().withNewMetadata().withName("zz-extra")
                .endMetadata().build()).create();
        admin.configMaps().inNamespace("bulk").withName("config-000004").delete();
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    /** Every pair as "ref: live name or missing", then the extras. */
    private List<String> pairs(UnaryOperator<LivePairs> limits) throws Exception {
        List<String> out = new ArrayList<>();
        try (KubernetesClient client = t.fixture.engineClient(t.cluster);
             BackupReader reader = BackupReader.open(t.storage, "b1", Optional.empty())) {
            Selection selection = Selection.builder().includeNamespaces(NAMESPACES).build();
            SelectionPlan plan = CheckedSelection.check(reader, selection, t.fixture.progress).plan();
            ResourceType configMaps = plan.types().stream().filter(ty -> ty.qualifiedName().equals("configmaps")).findFirst()
                    .orElseThrow();
            try (LivePairs pairs = limits.apply(new LivePairs(new ObjectApi(client, BackupFixture.fastCaller()), reader, plan,
                    new Sanitizer(false, false), Transforms.none(), t.fixture.progress, 4))) {
                LivePairs.Extras extras = pairs.forType(configMaps, plan.targetNamespaces(), o -> true, (d, live, failure) ->
                        out.add(d.ref() + ": " + (failure != null ? "failed" : live == null ? "missing"
                                : live.path("metadata").path("namespace").asText() + "/" + live.path("metadata").path("name").asText()
                                + " " + live.path("kind").asText())));
                extras.found().forEach(e -> out.add("extra " + e));
                extras.errors().forEach(e -> out.add("error " + e));
            }
        }
        return out;
    }

    @Test
    void listsOutOfArchiveOrderPairTheSameHeldOrReadByGet() throws Exception {
        List<String> inOrder = pairs(p -> p);
        assertThat(inOrder).contains("configmaps bulk/config-000004: missing", "configmaps shop/web-config: shop/web-config ConfigMap",
                "extra Extra[namespace=shop-data, name=zz-extra]");
        assertThat(inOrder).noneMatch(l -> l.contains("failed") || l.startsWith("error"));

        int gets = t.cluster.objectGetRequests();
        assertThat(pairs(p -> p.withLimits(LivePairs.HELD_BYTES_MAX, 0))).isEqualTo(inOrder); // held in memory
        assertThat(t.cluster.objectGetRequests()).isEqualTo(gets);

        assertThat(pairs(p -> p.withLimits(0, 0))).isEqualTo(inOrder); // nothing may be held: read again by GET
        assertThat(t.cluster.objectGetRequests()).isGreaterThan(gets);
    }
}
