package io.jenkins.plugins.k8sbackup.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.restore.ExistingPolicy;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one parser of a selection: good input becomes the value, each bad value is named in a usage error. */
class SelectionBuilderTest {

    @Test
    void eachBadValueIsNamedInItsError() {
        assertThatThrownBy(() -> Selection.builder().includeNamespaces(List.of("shop", "Shop_1")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid namespace name 'Shop_1': a namespace name is lower-case letters, digits and '-',"
                        + " at most 63 characters ('*' and '?' as globs)");
        assertThatThrownBy(() -> Selection.builder().excludeNamespaces(List.of("a".repeat(64))).build())
                .hasMessageStartingWith("invalid namespace name '" + "a".repeat(64) + "'");
        assertThatThrownBy(() -> Selection.builder().excludeNamespaces(List.of(" ")).build())
                .hasMessageStartingWith("invalid namespace name ' '");
        assertThatThrownBy(() -> Selection.builder().includeResources(List.of("deploy ments")).build())
                .hasMessageStartingWith("invalid resource 'deploy ments': a resource is a plural");
        assertThatThrownBy(() -> Selection.builder().excludeResources(List.of("")).build())
                .hasMessageStartingWith("invalid resource ''");
        assertThatThrownBy(() -> Selection.builder().labelSelector("app in (web").build())
                .hasMessage("invalid label selector 'app in (web' at 'app in (web'");
        assertThatThrownBy(() -> Selection.builder().objects(List.of("configmaps")).build())
                .hasMessage("invalid object 'configmaps': expected resource/namespace/name or resource/name");
        assertThatThrownBy(() -> Selection.builder().objects(List.of("configmaps/shop//x")).build())
                .hasMessageStartingWith("invalid object 'configmaps/shop//x'");
        assertThatThrownBy(() -> Selection.builder().objects(List.of("configmaps/Bad_NS/web")).build())
                .hasMessage("invalid object 'configmaps/Bad_NS/web': 'Bad_NS' is not a namespace name");
        assertThatThrownBy(() -> Selection.builder().namespaceMappingPairs(List.of("shop")).build())
                .hasMessage("invalid namespace mapping 'shop': expected source=target");
        assertThatThrownBy(() -> Selection.builder().namespaceMapping(Map.of("shop", "Shop_Copy")).build())
                .hasMessageStartingWith("invalid namespace name 'Shop_Copy' in the namespace mapping");
        assertThatThrownBy(() -> Selection.builder().namespaceMapping(Map.of("shop-*", "copy")).build())
                .hasMessageStartingWith("invalid namespace name 'shop-*' in the namespace mapping");
        Map<String, String> twoToOne = new LinkedHashMap<>();
        twoToOne.put("a", "x");
        twoToOne.put("b", "x");
        assertThatThrownBy(() -> Selection.builder().namespaceMapping(twoToOne).build())
                .hasMessage("two namespaces are mapped to 'x'");
        assertThatThrownBy(() -> Selection.builder().namespaceMappingPairs(List.of("a=x")).namespaceMapping(Map.of("a", "y")).build())
                .hasMessage("namespace 'a' is mapped twice");
        assertThatThrownBy(() -> ExistingPolicy.parse("overwrite"))
                .hasMessage("invalid policy for existing objects 'overwrite': expected one of skip, update, replace, fail");
    }

    @Test
    void goodInputBecomesTheValueOnce() throws Exception {
        Selection s = Selection.builder().includeNamespaces(List.of(" shop ", "shop-*")).excludeResources(List.of("Secrets"))
                .labelSelector(" app in (web, db),!canary ").objects(List.of("ConfigMaps/shop/web", "namespaces/shop"))
                .namespaceMappingPairs(List.of("shop=shop-copy")).includeClusterResources(false).build();

        assertThat(s.includeNamespaces()).containsExactly("shop", "shop-*");
        assertThat(s.labelSelector()).isEqualTo("app in (web, db),!canary");
        assertThat(s.objects()).containsExactly(new Selection.ObjectRef("configmaps", "shop", "web"),
                new Selection.ObjectRef("namespaces", null, "shop"));
        assertThat(s.mapping().target("shop")).isEqualTo("shop-copy");
        assertThat(s.describe()).isEqualTo("namespaces shop, shop-*; excluding resources Secrets; labels app in (web, db),!canary;"
                + " objects configmaps/shop/web, namespaces/shop; cluster resources false; namespace mapping {shop=shop-copy}");
        JsonNode web = Json.MAPPER.readTree("{\"metadata\":{\"labels\":{\"app\":\"web\"}}}");
        JsonNode canary = Json.MAPPER.readTree("{\"metadata\":{\"labels\":{\"app\":\"web\",\"canary\":\"1\"}}}");
        assertThat(s.labelsMatch(web)).isTrue();
        assertThat(s.labelsMatch(canary)).isFalse();

        // the plugin sends it to its agents: it arrives whole and still works, without being parsed again
        Selection copy = roundTrip(s);
        assertThat(copy).isEqualTo(s);
        assertThat(copy.labelsMatch(web)).isTrue();
        assertThat(copy.labelsMatch(canary)).isFalse();
        assertThat(copy.namespaceFilter().matches("shop-data")).isTrue();
        assertThat(copy.mapping().target("shop")).isEqualTo("shop-copy");
        assertThat(Selection.builder().build().describe()).isEqualTo("everything");
    }

    @Test
    void aSpecTakesEitherAValueOrRawValuesAndABackupNeitherObjectsNorAMapping() {
        Selection shop = Selection.builder().includeNamespaces(List.of("shop")).build();
        assertThat(BackupSpec.builder().selection(shop).build().selection()).isSameAs(shop);
        assertThatThrownBy(() -> BackupSpec.builder().selection(shop).includeNamespaces(List.of("other")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BackupSpec.builder().objects(List.of("configmaps/shop/web")).build())
                .hasMessageStartingWith("a backup takes no single objects (configmaps/shop/web)");
        assertThatThrownBy(() -> BackupSpec.builder().namespaceMapping(Map.of("shop", "copy")).build())
                .hasMessage("a backup takes no namespace mapping: give it to the restore");
    }

    private static Selection roundTrip(Selection s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Selection) in.readObject();
        }
    }
}
