package io.jenkins.plugins.k8sbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A group whose discovery fails (an APIService without a backend: Stale, or 503) is in the manifest and in the status. */
class DiscoveryDegradationBackupTest {
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
