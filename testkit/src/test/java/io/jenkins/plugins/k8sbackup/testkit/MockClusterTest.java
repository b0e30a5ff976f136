package io.jenkins.plugins.k8sbackup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MockClusterTest {
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

    @Test
    void servesDiscoveryIncludingStoredCrds() {
        SampleApp.deploy(client);
        assertThat(client.getApiGroups().getGroups()).extracting(APIGroup::getName)
                .contains("apps", "batch", "shop.example.com");
        assertThat(client.getApiResources("v1").getResources()).anySatisfy(r -> assertThat(r.getName()).isEqualTo("configmaps"));
        assertThat(client.getApiResources("shop.example.com/v1").getResources())
                .anySatisfy(r -> assertThat(r.getKind()).isEqualTo("FeatureFlag"));
        assertThat(client.getKubernetesVersion().getMinor()).isEqualTo("32");
        assertThat(client.genericKubernetesResources("shop.example.com/v1", "FeatureFlag").inAnyNamespace().list().getItems()).hasSize(2);
    }

    @Test
    void pagesListsAndExpiresContinueTokens() {
        for (int i = 0; i < 25; i++) {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName(String.format("cm-%02d", i)).endMetadata().addToData("i", "" + i).build()).create();
        }
        ConfigMapList first = client.configMaps().inNamespace("default").list(new ListOptionsBuilder().withLimit(10L).build());
        assertThat(first.getItems()).hasSize(10);
        assertThat(first.getMetadata().getContinue()).isNotBlank();
        ConfigMapList second = client.configMaps().inNamespace("default")
                .list(new ListOptionsBuilder().withLimit(10L).withContinue(first.getMetadata().getContinue()).build());
        assertThat(second.getItems()).hasSize(10);
        assertThat(second.getItems().get(0).getMetadata().getName()).isEqualTo("cm-10");
        cluster.faults().expireNextContinueTokens(1);
        assertThatThrownBy(() -> client.configMaps().inNamespace("default")
                .list(new ListOptionsBuilder().withLimit(10L).withContinue(second.getMetadata().getContinue()).build()))
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(410));
    }

    @Test
    void seededObjectsAreServedLikeCreatedOnes() {
        cluster.seedConfigMapsAndSecrets("bench", 1200, 7);

        assertThat(client.configMaps().inNamespace("bench").withLabel("bench", "true").list().getItems()).hasSize(600);
        assertThat(client.secrets().inNamespace("bench").withName("secret-000001").get().getMetadata().getUid()).isNotBlank();
        ConfigMapList page = client.configMaps().inNamespace("bench").list(new ListOptionsBuilder().withLimit(500L).build());
        assertThat(page.getItems()).hasSize(500);
        assertThat(page.getItems().get(0).getMetadata().getName()).isEqualTo("config-000000");
        ConfigMapList rest = client.configMaps().inNamespace("bench")
                .list(new ListOptionsBuilder().withLimit(500L).withContinue(page.getMetadata().getContinue()).build());
        assertThat(rest.getItems()).hasSize(100);
        assertThat(rest.getMetadata().getContinue()).isNull();
        assertThatThrownBy(() -> client.configMaps().inNamespace("bench").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("config-000000").endMetadata().build()).create()).isInstanceOf(KubernetesClientException.class);
    }

    @Test
    void throttlesWithRetryAfter() {
        cluster.faults().throttleWrites(1.0).retryAfterSeconds(2);
        assertThatThrownBy(() -> client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("x").endMetadata().build()).create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(429));
        assertThat(cluster.faults().throttledCount()).isEqualTo(1);
    }

    @Test
    void simulatorMakesWorkloadsReady() throws Exception {
        SampleApp.deploy(client);
        try (WorkloadSimulator sim = new WorkloadSimulator(client)) {
            long deadline = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < deadline) {
                var d = client.apps().deployments().inNamespace("shop").withName("web").get();
                var pvc = client.persistentVolumeClaims().inNamespace("shop-data").withName("data-db-0").get();
                if (d.getStatus() != null && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas())
                        && pvc.getStatus() != null && "Bound".equals(pvc.getStatus().getPhase())) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("workloads never became ready");
    }
}
