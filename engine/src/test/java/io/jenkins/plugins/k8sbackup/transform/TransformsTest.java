package io.jenkins.plugins.k8sbackup.transform;

import static io.jenkins.plugins.k8sbackup.transform.Objects.deployment;
import static io.jenkins.plugins.k8sbackup.transform.Objects.pvc;
import static io.jenkins.plugins.k8sbackup.transform.Objects.rules;
import static io.jenkins.plugins.k8sbackup.transform.Objects.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.util.Json;
import org.junit.jupiter.api.Test;

/** The rules of a run together: order, conditions on the original object, the summary and its warnings. */
class TransformsTest {
    static final String HEAD = "version: v1\nresourceModifierRules:\n";

    @Test
    void conditionsSeeTheObjectBeforeAnyRuleChangedIt() {
        Transforms t = rules("order.yaml", HEAD + """
                - conditions: {groupResource: persistentvolumeclaims, labelSelector: {matchLabels: {tier: data}}}
                  mergePatches: [{patchData: '{"metadata": {"labels": {"tier": "scratch"}}}'}]
                - conditions: {groupResource: persistentvolumeclaims, labelSelector: {matchLabels: {tier: data}}}
                  patches: [{operation: replace, path: /spec/storageClassName, value: fast}]
                - conditions: {groupResource: persistentvolumeclaims, labelSelector: {matchLabels: {tier: scratch}}}
                  patches: [{operation: replace, path: /spec/storageClassName, value: slow}]
                """);
        Transformed out = t.apply("persistentvolumeclaims", "shop", pvc("shop", "data", "standard", "tier: data"));
        assertThat(out.object().at("/metadata/labels/tier").asText()).isEqualTo("scratch");
        assertThat(out.object().at("/spec/storageClassName").asText()).isEqualTo("fast");
        TransformSummary s = t.summary();
        assertThat(s.rules()).extracting(TransformSummary.RuleUse::matched).containsExactly(1L, 1L, 0L);
        assertThat(s.warnings()).containsExactly("transform rule order.yaml rule 3 (persistentvolumeclaims with labels tier=scratch) matched no object");
        assertThat(s.lines()).containsExactly(
                "transform persistentvolumeclaims shop/data: /metadata/labels/tier data -> scratch (order.yaml rule 1)",
                "transform persistentvolumeclaims shop/data: /spec/storageClassName standard -> fast (order.yaml rule 2)");
    }

    @Test
    void namespaceConditionsUseTheBackupsNamespaceWhileTheObjectIsAlreadyMapped() {
        Transforms t = rules("ns.yaml", HEAD + """
                - conditions: {groupResource: deployments.apps, namespaces: [shop]}
                  patches: [{operation: replace, path: /spec/replicas, value: "1"}]
                - conditions: {groupResource: deployments.apps, namespaces: [shop-staging]}
                  patches: [{operation: replace, path: /spec/replicas, value: "5"}]
                """);
        Transformed out = t.apply("deployments.apps", "shop", deployment("shop-staging", "web"));
        assertThat(out.object().at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(t.summary().objects()).extracting(TransformSummary.ChangedObject::object).containsExactly("deployments.apps shop-staging/web");
        assertThat(t.summary().warnings()).hasSize(1).allMatch(w -> w.contains("ns.yaml rule 2"));
    }

    @Test
    void aSecretsValuesNeverShowInChangesSummaryOrErrors() throws Exception {
        String prod = "cHJvZC1wYXNzd29yZA=="; // base64 of a prod password
        Transforms t = rules("secrets.yaml", HEAD + """
                - conditions: {groupResource: secrets}
                  mergePatches: [{patchData: '{"data": {"password": "c3RhZ2luZw=="}}'}]
                - conditions: {groupResource: secrets, resourceNameRegex: broken}
                  patches: [{operation: test, path: /data/password, value: "c3RhZ2luZw=="}, {operation: remove, path: /data/nope}]
                """);
        var secret = yaml("{apiVersion: v1, kind: Secret, metadata: {name: db, namespace: shop}, data: {password: %s}}".formatted(prod));
        Transformed out = t.apply("secrets", "shop", secret);
        assertThat(out.object().at("/data/password").asText()).isEqualTo("c3RhZ2luZw==");
        String everything = Json.MAPPER.writeValueAsString(t.summary()) + t.summary().lines() + t.rules();
        assertThat(everything).doesNotContain(prod).doesNotContain("c3RhZ2luZw==").contains("(secret value hidden)");
        var broken = yaml("{apiVersion: v1, kind: Secret, metadata: {name: broken, namespace: shop}, data: {password: %s}}".formatted(prod));
        assertThatThrownBy(() -> t.apply("secrets", "shop", broken))
                .hasMessageContaining("secrets shop/broken").hasMessageContaining("details hidden")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(prod).doesNotContain("c3RhZ2luZw=="));
    }

    @Test
    void noRulesIsANoOpThatReturnsTheSameObject() {
        Transforms none = TransformSpec.NONE.compile();
        var d = deployment("a", "w");
        assertThat(none.apply("deployments.apps", "a", d).object()).isSameAs(d);
        assertThat(none.summary().isEmpty()).isTrue();
        assertThat(none.summary().warnings()).isEmpty();
    }
}
