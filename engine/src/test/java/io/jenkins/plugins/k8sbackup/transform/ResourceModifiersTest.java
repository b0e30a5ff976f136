package io.jenkins.plugins.k8sbackup.transform;

import static io.jenkins.plugins.k8sbackup.transform.Objects.deployment;
import static io.jenkins.plugins.k8sbackup.transform.Objects.fixture;
import static io.jenkins.plugins.k8sbackup.transform.Objects.pvc;
import static io.jenkins.plugins.k8sbackup.transform.Objects.rules;
import static io.jenkins.plugins.k8sbackup.transform.Objects.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Velero resource modifier files, read and applied as Velero does (fixtures written from Velero's documented format). */
class ResourceModifiersTest {

    @Test
    void veleroJsonPatchExampleChangesOnlyTheMatchingClaims() {
        Transforms t = rules("velero-json-patches.yaml", fixture("velero-json-patches.yaml"));
        Transformed hit = t.apply("persistentvolumeclaims", "foo", pvc("foo-staging", "mysql-0", "standard", "foo: bar, test: x"));
        assertThat(hit.object().at("/spec/storageClassName").asText()).isEqualTo("premium");
        assertThat(hit.object().at("/metadata/labels").has("test")).isFalse();
        assertThat(hit.changes()).extracting(RuleChange::path).containsExactlyInAnyOrder("/spec/storageClassName", "/metadata/labels/test");
        assertThat(hit.changes()).allMatch(c -> c.rule().equals("velero-json-patches.yaml rule 1"));
        assertThat(hit.changes().stream().filter(c -> c.path().equals("/spec/storageClassName")).findFirst().orElseThrow().toString())
                .isEqualTo("/spec/storageClassName standard -> premium (velero-json-patches.yaml rule 1)");

        // each condition alone keeps the rule off
        assertThat(t.apply("persistentvolumeclaims", "baz", pvc("foo", "mysql-0", "standard", "foo: bar, test: x")).changes()).isEmpty();
        assertThat(t.apply("persistentvolumeclaims", "foo", pvc("foo", "pg-0", "standard", "foo: bar, test: x")).changes()).isEmpty();
        assertThat(t.apply("persistentvolumeclaims", "foo", pvc("foo", "mysql-0", "standard", "foo: baz, test: x")).changes()).isEmpty();
        assertThat(t.apply("persistentvolumes", null, pvc("foo", "mysql-0", "standard", "foo: bar, test: x")).changes()).isEmpty();
    }

    @Test
    void aFailingTestOperationLeavesTheObjectAsItIsWithoutError() {
        Transforms t = rules("velero-test-operation.yaml", fixture("velero-test-operation.yaml"));
        assertThat(t.apply("persistentvolumeclaims", "bar", pvc("bar", "a", "premium", "")).object().at("/spec/storageClassName").asText())
                .isEqualTo("standard");
        Transformed other = t.apply("persistentvolumeclaims", "bar", pvc("bar", "b", "gold", ""));
        assertThat(other.object().at("/spec/storageClassName").asText()).isEqualTo("gold");
        assertThat(other.changes()).isEmpty();
        assertThat(t.summary().warnings()).isEmpty(); // it matched (its conditions), though it changed one object only
    }

    @Test
    void escapedJsonValuesAndTheCopyOperator() {
        Transforms t = rules("velero-complex-values.yaml", fixture("velero-complex-values.yaml"));
        ObjectNode out = t.apply("deployments.apps", "bar", deployment("bar", "test-web")).object();
        assertThat(out.at("/spec/template/spec/containers/0/name").asText()).isEqualTo("nginx");
        assertThat(out.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt()).isEqualTo(80);
        assertThat(out.at("/spec/template/spec/containers/1")).isEqualTo(out.at("/spec/template/spec/containers/0"));
        assertThat(out.at("/spec/template/spec/containers/2/name").asText()).isEqualTo("web");
    }

    @Test
    void mergeStrategicAndWildcardRulesWithMatches() {
        Transforms t = rules("velero-merge-and-strategic.yaml", fixture("velero-merge-and-strategic.yaml"));
        ObjectNode pod = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: my-pod, namespace: ns1, annotations: {foo: x, team: payments, keep: y}}
                spec:
                  containers:
                  - {name: nginx, image: repo1/nginx, ports: [{containerPort: 80}]}
                  - {name: log, image: busybox}
                """);
        Transformed out = t.apply("pods", "ns1", pod);
        assertThat(out.object().at("/metadata/annotations").has("foo")).isFalse();
        assertThat(out.object().at("/metadata/annotations/keep").asText()).isEqualTo("y");
        assertThat(out.object().at("/spec/containers/0/image").asText()).isEqualTo("repo2/nginx");
        assertThat(out.object().at("/spec/containers/0/ports/0/containerPort").asInt()).isEqualTo(80);
        assertThat(out.object().at("/spec/containers/1/name").asText()).isEqualTo("log");
        assertThat(out.object().at("/metadata/labels/cost-center").asText()).isEqualTo("staging");
        assertThat(out.changes()).extracting(RuleChange::rule).containsExactlyInAnyOrder("velero-merge-and-strategic.yaml rule 1",
                "velero-merge-and-strategic.yaml rule 2", "velero-merge-and-strategic.yaml rule 3");

        // "*" does not cross the dot: deployments.apps is not matched; nor is a namespace not listed
        ObjectNode d = deployment("ns1", "web");
        ((ObjectNode) d.get("metadata")).putObject("annotations").put("team", "payments");
        assertThat(t.apply("deployments.apps", "ns1", d).changes()).isEmpty();
        ObjectNode cm = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: ns2, annotations: {team: payments}}}");
        assertThat(t.apply("configmaps", "ns2", cm).changes()).isEmpty();
        ObjectNode other = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: ns1, annotations: {team: web}}}");
        assertThat(t.apply("configmaps", "ns1", other).changes()).isEmpty();
    }

    @Test
    void valuesFollowVelerosStringRule() {
        assertThat(ResourceModifiers.value(TextNode.valueOf("3")).isInt()).isTrue();
        assertThat(ResourceModifiers.value(TextNode.valueOf("\"3\""))).isEqualTo(TextNode.valueOf("3"));
        assertThat(ResourceModifiers.value(TextNode.valueOf("true")).isBoolean()).isTrue();
        assertThat(ResourceModifiers.value(TextNode.valueOf("null")).isNull()).isTrue();
        assertThat(ResourceModifiers.value(TextNode.valueOf("premium"))).isEqualTo(TextNode.valueOf("premium"));
        assertThat(ResourceModifiers.value(TextNode.valueOf("[1,2]")).isArray()).isTrue();
        assertThat(ResourceModifiers.value(null)).isEqualTo(TextNode.valueOf(""));
        // YAML numbers and booleans are read as the text Velero's string field would hold
        Transforms t = rules("r", """
                version: v1
                resourceModifierRules:
                - conditions: {groupResource: deployments.apps}
                  patches: [{operation: replace, path: /spec/replicas, value: 1}]
                """);
        assertThat(t.apply("deployments.apps", "a", deployment("a", "w")).object().at("/spec/replicas").isInt()).isTrue();
    }

    @Test
    void badFilesAreRefusedNamingTheRule() {
        String head = "version: v1\nresourceModifierRules:\n";
        assertThatThrownBy(() -> ResourceModifiers.parse("f", "version: v2\nresourceModifierRules: []\n"))
                .hasMessageContaining("unsupported resource modifier version 'v2'");
        assertThatThrownBy(() -> ResourceModifiers.parse("f", head))
                .hasMessageContaining("rules cannot be empty");
        assertThatThrownBy(() -> ResourceModifiers.parse("f", "version: v1\nresourceModifierRulez: []\n"))
                .hasMessageContaining("unknown field 'resourceModifierRulez'");
        assertThatThrownBy(() -> ResourceModifiers.parse("f", head + "- conditions: {groupResource: pods}\n  patches: [{operation: replace, path: /a, value: 1}]\n"
                + "- conditions: {resourceNameRegex: x}\n  patches: [{operation: replace, path: /a}]\n"))
                .hasMessage("f rule 2: groupResource cannot be empty");
        assertThatThrownBy(() -> ResourceModifiers.parse("f", head + "- conditions: {groupResource: pods}\n  patches: [{operation: upsert, path: /a}]\n"))
                .hasMessage("f rule 1: unsupported operation upsert");
        assertThatThrownBy(() -> ResourceModifiers.parse("f", head + "- conditions: {groupResource: pods}\n  patches: [{operation: add, path: ''}]\n"))
                .hasMessage("f rule 1: path cannot be empty");
        assertThatThrownBy(() -> ResourceModifiers.parse("f", head + "- conditions: {groupResource: pods}\n"))
                .hasMessageContaining("f rule 1: no patch data found");
        assertThatThrownBy(() -> ResourceModifiers.parse("f", head + "- conditions: {groupResource: pods}\n"
                + "  patches: [{operation: add, path: /a, value: 1}]\n  mergePatches: [{patchData: '{}'}]\n"))
                .hasMessageContaining("f rule 1: it has mergePatches and patches");
        assertThatThrownBy(() -> ResourceModifiers.parse("f", head + "- conditions: {groupResource: pods, resourceNameRegex: '(('}\n"
                + "  patches: [{operation: add, path: /a, value: 1}]\n")).hasMessageContaining("invalid resourceNameRegex");
        assertThatThrownBy(() -> ResourceModifiers.parse("f", head + "- conditions: {groupResource: pods, labelSelector: {matchExpressions: [{key: a, operator: Near}]}}\n"
                + "  patches: [{operation: add, path: /a, value: 1}]\n")).hasMessageContaining("operator 'Near'");
        assertThatThrownBy(() -> ResourceModifiers.parse("f", "version: [v1\n")).hasMessageContaining("f: not valid YAML");
        // the spec turns them into usage errors
        assertThatThrownBy(() -> new TransformSpec(List.of(new RulesFile("f", "version: v3\nresourceModifierRules: []\n")), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v3");
    }
}
