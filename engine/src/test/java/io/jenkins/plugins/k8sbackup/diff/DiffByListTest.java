package io.jenkins.plugins.k8sbackup.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.RateLimiter;
import io.jenkins.plugins.k8sbackup.restore.RestoreTestSupport;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.verify.VerifyReport;
import io.jenkins.plugins.k8sbackup.verify.VerifyRunner;
import io.jenkins.plugins.k8sbackup.verify.VerifySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diff and verify read the live side by paged lists: the report must be the same whatever the page size, across
 * 410 Gone on a continue token and 429s, and must say what could not be compared when a list cannot be had.
 */
class DiffByListTest {
    private static final List<String> NAMESPACES = List.of("shop", "shop-data", "bulk");

    @TempDir
    Path dir;
    RestoreTestSupport t;
    KubernetesClient admin;

    @BeforeEach
    void setUp() throws Exception {
        t = new RestoreTestSupport(dir);
        admin = t.cluster.client();
        t.cluster.seedConfigMapsAndSecrets("bulk", 60, 7);
        t.fixture.backup(t.cluster, t.storage, BackupSpec.builder().name("b1").includeNamespaces(NAMESPACES)
                .includeClusterResources(true).build(), null);
        // planted differences: one changed, one missing, one added, in the bulk namespace and in the sample's
        // (the mock cannot update what was seeded straight into its store: replaced by delete and create)
        admin.configMaps().inNamespace("bulk").withName("config-000010").delete();
        admin.configMaps().inNamespace("bulk").resource(new ConfigMapBuilder().withNewMetadata().withName("config-000010")
                .addToLabels("bench", "true").endMetadata().addToData("blob", "changed").build()).create();
        admin.secrets().inNamespace("bulk").withName("secret-000021").delete();
        admin.configMaps().inNamespace("bulk").resource(new ConfigMapBuilder().withNewMetadata().withName("config-extra")
                .endMetadata().addToData("k", "v").build()).create();
        admin.apps().deployments().inNamespace("shop").withName("web").delete();
    }

    @AfterEach
    void tearDown() {
        t.cluster.faults().clear();
        t.close();
    }

    private DiffSpec spec() {
        return DiffSpec.builder("b1").includeNamespaces(NAMESPACES).build();
    }

    private DiffReport diff(int pageSize, ApiCaller caller) throws Exception {
        try (KubernetesClient client = t.fixture.engineClient(t.cluster);
             BackupReader reader = BackupReader.open(t.storage, "b1", Optional.empty())) {
            return new DiffRunner(client, caller, reader, t.fixture.progress).withPageSize(pageSize).run(spec());
        }
    }

    private DiffReport diff(int pageSize) throws Exception {
        return diff(pageSize, BackupFixture.fastCaller());
    }

    private static void assertPlantedDifferences(DiffReport r) {
        assertThat(r.exitCode()).as(r.lines().toString()).isEqualTo(3);
        assertThat(r.missing()).extracting(Object::toString)
                .containsExactlyInAnyOrder("secrets bulk/secret-000021", "deployments.apps shop/web");
        assertThat(r.added()).extracting(Object::toString).containsExactly("configmaps bulk/config-extra");
        assertThat(r.changed()).extracting(DiffReport.ChangedObject::ref).containsExactly("configmaps bulk/config-000010");
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void smallPagesGiveTheSameReportAsOnePageAndNoGetPerObject() throws Exception {
        DiffReport onePage = diff(500);
        int gets = t.cluster.objectGetRequests();
        int pages = t.cluster.pagedListRequests();

        DiffReport small = diff(3);

        assertPlantedDifferences(small);
        assertThat(small.compared()).isGreaterThan(75);
        assertThat(small.toMap()).isEqualTo(onePage.toMap());
        assertThat(small.lines()).isEqualTo(onePage.lines());
        // the 60 objects of the bulk namespace alone take 20 pages of 3
        assertThat(t.cluster.pagedListRequests() - pages).isGreaterThan(20);
        // only the few cluster-scoped objects are read one by one (namespaces, the CRD, the webhook)
        assertThat(t.cluster.objectGetRequests() - gets).isLessThan(10);
        assertThat(t.fixture.log).anyMatch(l -> l.matches("diff: \\d+ of \\d+ objects compared \\(\\d+%\\), \\d+/s.*"));
    }

    @Test
    void aContinueTokenThatExpiresMidListIsResumedWithoutLosingObjects() throws Exception {
        DiffReport baseline = diff(500);
        t.cluster.faults().expireNextContinueTokens(2);

        DiffReport r = diff(4);

        assertThat(t.cluster.faults().expiredCount()).isEqualTo(2);
        assertPlantedDifferences(r);
        assertThat(r.toMap()).isEqualTo(baseline.toMap());
        assertThat(t.fixture.log).anyMatch(l -> l.contains("410 Gone"));
    }

    @Test
    void throttledListsAreRetriedAndTheReportIsUnchanged() throws Exception {
        DiffReport baseline = diff(500);
        t.cluster.faults().throttleReads(0.3).retryAfterSeconds(0);

        DiffReport r = diff(5);

        assertThat(t.cluster.faults().throttledCount()).isGreaterThan(5);
        assertPlantedDifferences(r);
        assertThat(r.toMap()).isEqualTo(baseline.toMap());
    }

    @Test
    void aTypeThatCannotBeListedIsComparedByGetAndTheReportSaysWhatWasNotLookedFor() throws Exception {
        DiffReport baseline = diff(500);
        t.cluster.faults().forbidLists("configmaps");

        DiffReport r = diff(5);

        // every backed-up ConfigMap is still compared, one GET each: the change is found
        assertThat(r.compared()).isEqualTo(baseline.compared());
        assertThat(r.changed()).extracting(DiffReport.ChangedObject::ref).containsExactly("configmaps bulk/config-000010");
        assertThat(r.missing()).isEqualTo(baseline.missing());
        // but a ConfigMap the backup does not hold cannot be found without a list: said, and the diff is incomplete
        assertThat(r.added()).isEmpty();
        assertThat(r.errors()).containsExactly("configmaps in bulk: cannot be listed (403 Forbidden) cannot list resource"
                        + " \"configmaps\": RBAC: list is not granted",
                "configmaps in shop: cannot be listed (403 Forbidden) cannot list resource \"configmaps\": RBAC: list is not granted",
                "configmaps in shop-data: cannot be listed (403 Forbidden) cannot list resource \"configmaps\": RBAC: list is not granted");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.summaryLine()).contains("incomplete");
    }

    @Test
    void whenNeitherListNorGetCanBeHadEveryObjectIsAnErrorNeverLeftOut() throws Exception {
        DiffReport baseline = diff(500);
        t.cluster.faults().throttleReads(1.0).retryAfterSeconds(0);
        ApiCaller impatient = new ApiCaller(new RateLimiter(10_000, 1_000), 2, Duration.ofMillis(1), Duration.ofMillis(2));

        DiffReport r = diff(5, impatient);

        assertThat(r.compared()).isEqualTo(baseline.compared());
        assertThat(r.identical()).isZero();
        assertThat(r.missing()).isEmpty();
        assertThat(r.errors()).contains("configmaps bulk/config-000002: cannot be read from the cluster (429 TooManyRequests)"
                + " the server has received too many requests and has asked us to try again later");
        assertThat(r.errors()).anyMatch(e -> e.startsWith("secrets in bulk: cannot be listed (429"));
        assertThat(r.errors().stream().filter(e -> e.contains(": cannot be read from the cluster")).count())
                .isEqualTo(r.compared());
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void verifyReadsByListToo() throws Exception {
        VerifySpec spec = VerifySpec.builder("b1").includeNamespaces(NAMESPACES).timeout(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).build();
        VerifyReport baseline = verify(spec, 500);
        int gets = t.cluster.objectGetRequests();
        t.cluster.faults().expireNextContinueTokens(1);

        VerifyReport r = verify(spec, 3);

        assertThat(t.cluster.faults().expiredCount()).isEqualTo(1);
        assertThat(r.objects()).isEqualTo(baseline.objects());
        assertThat(r.table()).isEqualTo(baseline.table());
        assertThat(r.objects()).filteredOn(v -> v.verdict().equals("missing")).extracting(VerifyReport.Verdict::name)
                .containsExactlyInAnyOrder("secret-000021", "web");
        assertThat(r.objects()).filteredOn(v -> v.verdict().equals("spec-differs")).extracting(VerifyReport.Verdict::name)
                .containsExactly("config-000010");
        // GETs: the readiness polls and the few cluster-scoped objects, not one per compared object
        assertThat(t.cluster.objectGetRequests() - gets).isLessThan(r.objects().size() / 3);
        assertThat(t.fixture.log).anyMatch(l -> l.matches("verify: \\d+ of \\d+ objects compared \\(\\d+%\\), \\d+/s.*"));
    }

    private VerifyReport verify(VerifySpec spec, int pageSize) throws Exception {
        try (KubernetesClient client = t.fixture.engineClient(t.cluster);
             BackupReader reader = BackupReader.open(t.storage, "b1", Optional.empty())) {
            return new VerifyRunner(client, BackupFixture.fastCaller(), reader, t.fixture.progress).withPageSize(pageSize).run(spec);
        }
    }
}
