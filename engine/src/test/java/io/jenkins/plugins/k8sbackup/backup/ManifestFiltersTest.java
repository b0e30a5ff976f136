package io.jenkins.plugins.k8sbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manifest records a backup's spec as it always did, field for field and in the same order, selection flattened. */
class ManifestFiltersTest {

    @Test
    void theRecordedSpecKeepsItsShape() throws Exception {
        BackupSpec spec = BackupSpec.builder().name("b1").includeNamespaces(List.of("shop")).excludeResources(List.of("secrets"))
                .labelSelector("app=web").includeClusterResources(true).pageSize(100).labels(Map.of("env", "prod")).build();

        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(BackupManifest.Filters.of(spec)));

        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("name", "includeNamespaces", "excludeNamespaces", "includeResources",
                "excludeResources", "labelSelector", "includeClusterResources", "includeOwnedPods", "pageSize", "labels",
                "encryption", "snapshotVolumes", "volumeSnapshotClasses", "defaultVolumeSnapshotClass", "snapshotTimeout", "hooks");
        assertThat(json.path("includeNamespaces").toString()).isEqualTo("[\"shop\"]");
        assertThat(json.path("excludeResources").toString()).isEqualTo("[\"secrets\"]");
        assertThat(json.path("labelSelector").asText()).isEqualTo("app=web");
        assertThat(json.path("includeClusterResources").asBoolean()).isTrue();
        assertThat(json.path("pageSize").asInt()).isEqualTo(100);
        assertThat(json.path("encryption").asText()).isEqualTo("none");
    }
}
