package io.jenkins.plugins.k8sbackup.transform;

import static io.jenkins.plugins.k8sbackup.transform.Objects.deployment;
import static io.jenkins.plugins.k8sbackup.transform.Objects.rules;
import static io.jenkins.plugins.k8sbackup.transform.Objects.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON Patch, merge patch and strategic merge patch, alone and combined, on built-in kinds and a custom resource. */
class PatchKindsTest {
    static final String HEAD = "version: v1\nresourceModifierRules:\n";
    final ObjectNode flag = yaml("{apiVersion: shop.example.com/v1, kind: FeatureFlag, metadata: {name: dark-mode, namespace: shop}, spec: {enabled: true, rollout: [a, b]}}");

    private static ObjectNode strategic(String resource, ObjectNode object, String patch) {
        return new StrategicMerge(List.of(yaml(patch))).apply(resource, object);
    }

    @Test
    void strategicMergeMergesListsOnThePatchMergeKeys() {
        ObjectNode out = strategic("deployments.apps", deployment("a", "web"), """
                spec:
                  template:
                    spec:
                      containers:
                      - name: web
                        env: [{name: MODE, value: staging}, {name: NEW, value: x}]
                        ports: [{containerPort: 8080, name: web}]
                      - {name: added, image: busybox}
                      tolerations: [{key: staging, operator: Exists}]
                """);
        var spec = out.at("/spec/template/spec");
        assertThat(spec.at("/containers").size()).isEqualTo(3);
        assertThat(spec.at("/containers/0/image").asText()).isEqualTo("registry.prod.example.com/shop/web:2");
        assertThat(spec.at("/containers/0/env")).hasSize(3);
        assertThat(spec.at("/containers/0/env/0/value").asText()).isEqualTo("staging");
        assertThat(spec.at("/containers/0/env/1/value").asText()).isEqualTo("info");
        assertThat(spec.at("/containers/0/ports")).hasSize(1);
        assertThat(spec.at("/containers/0/ports/0/name").asText()).isEqualTo("web");
        assertThat(spec.at("/containers/1/name").asText()).isEqualTo("sidecar");
        assertThat(spec.at("/containers/2/name").asText()).isEqualTo("added");
        // tolerations have no merge key: replaced whole
        assertThat(spec.at("/tolerations")).hasSize(1);
        assertThat(spec.at("/tolerations/0/key").asText()).isEqualTo("staging");
        assertThat(spec.at("/initContainers")).hasSize(1);
    }

    @Test
    void strategicDirectivesDeleteAndReplace() {
        ObjectNode out = strategic("deployments.apps", deployment("a", "web"), """
                spec:
                  template:
                    spec:
                      containers:
                      - {name: sidecar, $patch: delete}
                      affinity: {$patch: replace, podAffinity: {}}
                      nodeSelector: null
                """);
        assertThat(out.at("/spec/template/spec/containers")).hasSize(1);
        assertThat(out.at("/spec/template/spec/affinity").has("nodeAffinity")).isFalse();
        assertThat(out.at("/spec/template/spec/affinity").has("podAffinity")).isTrue();
        assertThat(out.at("/spec/template/spec").has("nodeSelector")).isFalse();
        ObjectNode replaced = strategic("deployments.apps", deployment("a", "web"), """
                spec: {template: {spec: {containers: [{$patch: replace}, {name: only, image: x}]}}}
                """);
        assertThat(replaced.at("/spec/template/spec/containers")).hasSize(1);
        ObjectNode svc = yaml("{apiVersion: v1, kind: Service, metadata: {name: s, namespace: a}, spec: {ports: [{port: 80, targetPort: 8080}, {port: 443}]}}");
        assertThat(strategic("services", svc, "spec: {ports: [{port: 80, targetPort: 9090}]}").at("/spec/ports")).hasSize(2);
        assertThat(strategic("services", svc, "spec: {ports: [{port: 80, targetPort: 9090}]}").at("/spec/ports/0/targetPort").asInt()).isEqualTo(9090);
    }

    @Test
    void strategicMergeIsRefusedClearlyWhereItIsNotSupported() {
        assertThatThrownBy(() -> strategic("featureflags.shop.example.com", flag, "spec: {enabled: false}"))
                .hasMessageContaining("built-in Kubernetes kinds only").hasMessageContaining("featureflags.shop.example.com")
                .hasMessageContaining("use mergePatches or patches");
        assertThatThrownBy(() -> strategic("httproutes.gateway.networking.k8s.io", flag, "spec: {a: 1}"))
                .hasMessageContaining("built-in Kubernetes kinds only");
        assertThatThrownBy(() -> strategic("deployments.apps", deployment("a", "w"), "spec: {$retainKeys: [replicas]}"))
                .hasMessageContaining("unsupported strategic merge directive $retainKeys");
        assertThatThrownBy(() -> strategic("deployments.apps", deployment("a", "w"), "spec: {template: {spec: {containers: [{image: x}]}}}"))
                .hasMessageContaining("has no 'name', the list's merge key");
    }

    @Test
    void mergePatchesWorkOnCustomResourcesAndReplaceLists() {
        Transforms t = rules("cr.yaml", HEAD + """
                - conditions: {groupResource: featureflags.shop.example.com, namespaces: [shop]}
                  mergePatches:
                  - patchData: '{"spec": {"enabled": false, "rollout": ["c"]}}'
                  - patchData: |
                      spec:
                        owner: staging
                """);
        Transformed out = t.apply("featureflags.shop.example.com", "shop", flag);
        assertThat(out.object().at("/spec/enabled").asBoolean()).isFalse();
        assertThat(out.object().at("/spec/rollout")).hasSize(1);
        assertThat(out.object().at("/spec/owner").asText()).isEqualTo("staging");
        assertThat(out.changes()).extracting(RuleChange::path).contains("/spec/enabled", "/spec/owner");
    }

    @Test
    void jsonPatchOnACustomResourceAndAllKindsCombinedInOrder() {
        Transforms t = rules("all.yaml", HEAD + """
                - conditions: {groupResource: deployments.apps}
                  patches: [{operation: replace, path: /spec/replicas, value: "1"}]
                - conditions: {groupResource: deployments.apps}
                  mergePatches: [{patchData: '{"metadata": {"labels": {"env": "staging"}}}'}]
                - conditions: {groupResource: deployments.apps}
                  strategicPatches: [{patchData: '{"spec": {"template": {"spec": {"containers": [{"name": "web", "image": "web:staging"}]}}}}'}]
                - conditions: {groupResource: featureflags.shop.example.com}
                  patches: [{operation: add, path: /spec/rollout/-, value: z}]
                """);
        Transformed d = t.apply("deployments.apps", "a", deployment("a", "web"));
        assertThat(d.object().at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(d.object().at("/metadata/labels/env").asText()).isEqualTo("staging");
        assertThat(d.object().at("/spec/template/spec/containers/0/image").asText()).isEqualTo("web:staging");
        assertThat(d.changes()).extracting(RuleChange::rule).containsExactly("all.yaml rule 1", "all.yaml rule 2", "all.yaml rule 3");
        assertThat(t.apply("featureflags.shop.example.com", "shop", flag).object().at("/spec/rollout/2").asText()).isEqualTo("z");
    }

    @Test
    void aFailingPatchIsAnErrorNamingTheObjectAndTheRule() {
        Transforms t = rules("bad.yaml", HEAD + """
                - conditions: {groupResource: deployments.apps}
                  patches: [{operation: remove, path: /spec/paused}]
                """);
        assertThatThrownBy(() -> t.apply("deployments.apps", "shop", deployment("shop-staging", "web")))
                .isInstanceOf(TransformException.class)
                .hasMessageStartingWith("transform rule bad.yaml rule 1 failed on deployments.apps shop-staging/web: JSON Patch remove failed");
    }

    @Test
    void aRuleMayNotRenameOrMoveAnObject() {
        Transforms t = rules("mv.yaml", HEAD + """
                - conditions: {groupResource: deployments.apps}
                  patches: [{operation: replace, path: /metadata/namespace, value: prod}]
                """);
        assertThatThrownBy(() -> t.apply("deployments.apps", "shop", deployment("shop-staging", "web")))
                .hasMessageContaining("changes the name or namespace of deployments.apps shop-staging/web: refused");
    }
}
