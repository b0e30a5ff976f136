package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.kube.AdaptiveRateLimiter;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores under the default, adaptive rate limit while the API server throttles: every object lands, the rate gives way. */
class AdaptiveRestoreTest {
    private static final int OBJECTS = 200; // half ConfigMaps, half Secrets
    @TempDir
    Path dir;
    MockCluster cluster;
    LocalDirectoryStorage storage;
    final BackupFixture fixture = new BackupFixture();

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        cluster.seedConfigMapsAndSecrets("src", OBJECTS, 7);
        storage = new LocalDirectoryStorage(dir);
        fixture.backup(cluster, storage, BackupSpec.builder().name("b").includeNamespaces(List.of("src"))
                .includeResources(List.of("configmaps", "secrets")).includeClusterResources(false).build(), null);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    /** As {@link ApiCaller#defaults}, with backoffs short enough for a test. */
    private static ApiCaller adaptive(double cap, AdaptiveRateLimiter[] out) {
        out[0] = new AdaptiveRateLimiter(cap, 100);
        return new ApiCaller(out[0], 20, Duration.ofMillis(5), Duration.ofMillis(50));
    }

    private RestoreReport restoreInto(String target, ApiCaller caller) throws Exception {
        try (KubernetesClient client = fixture.engineClient(cluster)) {
            BackupReader reader = BackupReader.open(storage, "b", Optional.empty());
            return new RestoreRunner(client, caller, reader, fixture.progress).run(RestoreSpec.builder("b")
                    .namespaceMapping(Map.of("src", target)).concurrency(8).build());
        }
    }

    private int live(String ns) {
        return cluster.client().configMaps().inNamespace(ns).list().getItems().size()
                + cluster.client().secrets().inNamespace(ns).list().getItems().size();
    }

    @Test
    void aBurstOf429sSlowsTheRateThenItRecoversAndEveryObjectLands() throws Exception {
        cluster.faults().throttleNextWrites(40);
        AdaptiveRateLimiter[] limiter = new AdaptiveRateLimiter[1];
        RestoreReport r = restoreInto("dst", adaptive(0, limiter));
        assertThat(r.status()).as(r.errors().toString()).isEqualTo(RunStatus.Completed);
        assertThat(r.counts().created()).isEqualTo(OBJECTS);
        assertThat(live("dst")).isEqualTo(OBJECTS);
        assertThat(cluster.faults().throttledCount()).isEqualTo(40);
        assertThat(limiter[0].throttles()).isEqualTo(40);
        assertThat(limiter[0].lowestRate()).as("backed off").isLessThan(limiter[0].ceiling());
        assertThat(limiter[0].lowestRate()).isLessThanOrEqualTo(100.0 / 2);
        assertThat(limiter[0].rate()).as("recovered once the server stopped throttling").isGreaterThan(limiter[0].lowestRate());
    }

    @Test
    void aSteady429StormStillRestoresEveryObject() throws Exception {
        cluster.faults().throttleWrites(0.3);
        AdaptiveRateLimiter[] limiter = new AdaptiveRateLimiter[1];
        RestoreReport r = restoreInto("dst", adaptive(0, limiter));
        assertThat(r.status()).as(r.errors().toString()).isEqualTo(RunStatus.Completed);
        assertThat(r.counts().created()).isEqualTo(OBJECTS);
        assertThat(live("dst")).isEqualTo(OBJECTS);
        assertThat(limiter[0].throttles()).isEqualTo(cluster.faults().throttledCount()).isPositive();
    }

    @Test
    void anExplicitCapHoldsWhileEverythingSucceeds() throws Exception {
        AdaptiveRateLimiter[] limiter = new AdaptiveRateLimiter[1];
        RestoreReport r = restoreInto("dst", adaptive(40, limiter));
        assertThat(r.status()).isEqualTo(RunStatus.Completed);
        assertThat(live("dst")).isEqualTo(OBJECTS);
        assertThat(limiter[0].rate()).isLessThanOrEqualTo(40);
        assertThat(limiter[0].ceiling()).isEqualTo(40);
    }
}
