package io.jenkins.plugins.k8sbackup.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.diff.DiffReport;
import io.jenkins.plugins.k8sbackup.diff.DiffRunner;
import io.jenkins.plugins.k8sbackup.diff.DiffSpec;
import io.jenkins.plugins.k8sbackup.restore.RestoreAction;
import io.jenkins.plugins.k8sbackup.restore.RestoreItem;
import io.jenkins.plugins.k8sbackup.restore.RestoreReport;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import io.jenkins.plugins.k8sbackup.restore.RestoreTestSupport;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import io.jenkins.plugins.k8sbackup.verify.VerifyReport;
import io.jenkins.plugins.k8sbackup.verify.VerifyRunner;
import io.jenkins.plugins.k8sbackup.verify.VerifySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transforms at the one seam restore, dry-run, diff and verify share: after the namespace mapping and the
 * sanitising, before anything is compared or written.
 */
class TransformedCloneTest {
    static final Map<String, String> MAP = Map.of("shop", "shop-staging", "shop-data", "shop-data-staging");
    @TempDir
    Path dir;
    RestoreTestSupport t;
    WorkloadSimulator simulator;
    TransformSpec transforms;

    @BeforeEach
    void setUp() throws Exception {
        t = new RestoreTestSupport(dir);
        simulator = new WorkloadSimulator(t.cluster.client());
        t.backupShop("b1", null);
        Path values = dir.resolve("web.env");
        Files.writeString(values, "SESSION_KEY=staging-session\n");
        transforms = new TransformSpec(List.of(new RulesFile("replicas.yaml", SampleApp.CLONE_REPLICAS_RULES)),
                CloneRules.builder().hosts(List.of("*.example.com=*.staging.example.com"))
                .storageClasses(Map.of("standard", "fast-staging")).excludeSecrets("")
                .secretValues(List.of(SecretValues.parse("shop/web-secrets=" + values))).build());
    }

    @AfterEach
    void tearDown() {
        simulator.close();
        t.close();
    }

    private RestoreSpec.Builder cloneSpec() {
        return RestoreSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).excludeResources(List.of("persistentvolumes"))
                .namespaceMapping(MAP).transforms(transforms);
    }

    @Test
    void theDryRunPreviewsEachRulesChangesAndWritesNothing() throws Exception {
        RestoreReport plan = t.restore(cloneSpec().dryRun(true).build(), null);
        assertThat(plan.status()).as(plan.errors().toString()).isEqualTo(RunStatus.Completed);
        assertThat(t.realWrites()).isEmpty();
        assertThat(plan.transforms().lines()).contains(
                "transform deployments.apps shop-staging/web: /spec/replicas 2 -> 1 (replicas.yaml rule 1)",
                "transform ingresses.networking.k8s.io shop-staging/web: /spec/rules/0/host shop.example.com -> shop.staging.example.com"
                        + " (rewrite-host *.example.com=*.staging.example.com)",
                "transform persistentvolumeclaims shop-data-staging/data-db-0: /spec/storageClassName standard -> fast-staging"
                        + " (map-storage-class standard=fast-staging)",
                "transform secrets shop-data-staging/db-credentials: left out by exclude-secrets");
        assertThat(plan.transforms().lines()).anyMatch(l -> l.startsWith("transform secrets shop-staging/web-secrets: /data/SESSION_KEY (secret value hidden)"));
        assertThat(plan.items()).filteredOn(i -> i.name().equals("db-credentials")).singleElement()
                .satisfies(i -> assertThat(i.action()).isEqualTo(RestoreAction.SKIP_RULE));
        String json = plan.toJson() + plan.toMap();
        for (String secret : SampleApp.SECRET_VALUES) {
            assertThat(json).doesNotContain(secret).doesNotContain(b64(secret));
        }
        assertThat(json).doesNotContain("staging-session").doesNotContain(b64("staging-session"));
        assertThat(plan.toMap().get("transforms")).asList().isNotEmpty();
    }

    @Test
    void theCloneIsTransformedAndVerifyAndDiffCompareWithTheTransformedState() throws Exception {
        RestoreReport done = t.restore(cloneSpec().build(), null);
        assertThat(done.status()).as(done.errors().toString()).isEqualTo(RunStatus.Completed);
        KubernetesClient api = t.cluster.client();
        assertThat(api.apps().deployments().inNamespace("shop-staging").withName("web").get().getSpec().getReplicas()).isEqualTo(1);
        assertThat(api.network().v1().ingresses().inNamespace("shop-staging").withName("web").get().getSpec().getRules().get(0).getHost())
                .isEqualTo("shop.staging.example.com");
        assertThat(api.persistentVolumeClaims().inNamespace("shop-data-staging").withName("data-db-0").get().getSpec().getStorageClassName())
                .isEqualTo("fast-staging");
        assertThat(api.secrets().inNamespace("shop-data-staging").withName("db-credentials").get()).isNull();
        assertThat(api.secrets().inNamespace("shop-staging").withName("web-secrets").get().getData())
                .containsOnlyKeys("SESSION_KEY").containsEntry("SESSION_KEY", b64("staging-session"));
        // prod is untouched
        assertThat(api.apps().deployments().inNamespace("shop").withName("web").get().getSpec().getReplicas()).isEqualTo(2);

        VerifySpec.Builder verify = VerifySpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES)
                .excludeResources(List.of("persistentvolumes")).namespaceMapping(MAP).timeout(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).transforms(transforms);
        VerifyReport passed = verify(verify.build());
        assertThat(passed.result()).as(passed.table() + "\n" + passed.warnings() + passed.errors()).isEqualTo(RunStatus.Completed);
        assertThat(passed.objects()).noneMatch(v -> v.name().equals("db-credentials"));
        DiffReport same = diff(diffOf(cloneSpec().build()));
        assertThat(same.changed()).as(same.lines().toString()).isEmpty();
        assertThat(same.missing()).isEmpty();

        // without the transforms, the clone is not the backup: verify says where
        VerifyReport untransformed = verify(verify.transforms(TransformSpec.NONE).build());
        assertThat(untransformed.result()).isEqualTo(RunStatus.Failed);

        // a transformed field changed back to prod's value fails the verification
        api.apps().deployments().inNamespace("shop-staging").withName("web").edit(d -> { d.getSpec().setReplicas(2); return d; });
        VerifyReport reverted = verify(verify.transforms(transforms).build());
        assertThat(reverted.result()).isEqualTo(RunStatus.Failed);
        assertThat(reverted.objects()).filteredOn(v -> v.outcome() == VerifyReport.Outcome.fail).singleElement()
                .satisfies(v -> assertThat(v.name() + " " + v.detail()).isEqualTo("web /spec/replicas"));
    }

    @Test
    void aFailingPatchIsAnItemErrorAndARuleMatchingNothingAWarning() throws Exception {
        TransformSpec bad = new TransformSpec(List.of(new RulesFile("bad.yaml", """
                version: v1
                resourceModifierRules:
                - conditions: {groupResource: configmaps, resourceNameRegex: ^web-config$}
                  patches: [{operation: remove, path: /data/NOT_THERE}]
                - conditions: {groupResource: cronjobs.batch}
                  patches: [{operation: replace, path: /spec/suspend, value: "true"}]
                """)), null);
        RestoreReport r = t.restore(RestoreSpec.builder("b1").includeNamespaces(List.of("shop")).namespaceMapping(Map.of("shop", "shop-staging"))
                .transforms(bad).build(), null);
        assertThat(r.status()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(r.items()).filteredOn(i -> i.action() == RestoreAction.FAIL).extracting(RestoreItem::ref)
                .containsExactly("configmaps shop-staging/web-config");
        assertThat(r.errors()).anyMatch(e -> e.startsWith("configmaps shop-staging/web-config: transform rule bad.yaml rule 1 failed on"
                + " configmaps shop-staging/web-config: JSON Patch remove failed"));
        assertThat(r.warnings()).contains("transform rule bad.yaml rule 2 (cronjobs.batch) matched no object");
        assertThat(t.cluster.client().configMaps().inNamespace("shop-staging").withName("web-config").get()).isNull();
    }

    private VerifyReport verify(VerifySpec spec) throws Exception {
        try (KubernetesClient client = t.fixture.engineClient(t.cluster)) {
            return new VerifyRunner(client, BackupFixture.fastCaller(), BackupReader.open(t.storage, "b1", Optional.empty()),
                    t.fixture.progress).run(spec);
        }
    }

    private DiffReport diff(DiffSpec spec) throws Exception {
        try (KubernetesClient client = t.fixture.engineClient(t.cluster)) {
            return new DiffRunner(client, BackupFixture.fastCaller(), BackupReader.open(t.storage, "b1", Optional.empty()),
                    t.fixture.progress).run(spec);
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The comparison a restore with this spec would be checked against: its selection and transforms. */
    private static DiffSpec diffOf(RestoreSpec r) {
        return new DiffSpec(r.backupName(), r.selection(), r.preserveNodePorts(), r.transforms());
    }
}
