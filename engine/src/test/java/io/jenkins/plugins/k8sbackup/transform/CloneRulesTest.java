package io.jenkins.plugins.k8sbackup.transform;

import static io.jenkins.plugins.k8sbackup.transform.Objects.deployment;
import static io.jenkins.plugins.k8sbackup.transform.Objects.pvc;
import static io.jenkins.plugins.k8sbackup.transform.Objects.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in clone rules, each expanded into ordinary rules that show in the summary like any other. */
class CloneRulesTest {
    @TempDir
    Path dir;

    private static Transforms of(CloneRules rules) {
        return new TransformSpec(null, rules).compile();
    }

    private static CloneRules.Builder rules() {
        return CloneRules.builder();
    }

    @Test
    void storageClassesOfClaimsVolumesAndClaimTemplates() {
        Transforms t = of(rules().storageClasses(Map.of("standard", "fast-staging")).build());
        assertThat(t.apply("persistentvolumeclaims", "shop", pvc("shop", "a", "standard", "")).object().at("/spec/storageClassName").asText())
                .isEqualTo("fast-staging");
        assertThat(t.apply("persistentvolumeclaims", "shop", pvc("shop", "b", "gold", "")).changes()).isEmpty();
        ObjectNode sts = yaml("{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: db, namespace: d}, spec: {volumeClaimTemplates: [{metadata: {name: data}, spec: {storageClassName: standard}}]}}");
        Transformed out = t.apply("statefulsets.apps", "d", sts);
        assertThat(out.object().at("/spec/volumeClaimTemplates/0/spec/storageClassName").asText()).isEqualTo("fast-staging");
        assertThat(out.changes()).singleElement().satisfies(c -> assertThat(c.rule()).isEqualTo("map-storage-class standard=fast-staging"));
    }

    @Test
    void imagePrefixesOfEveryContainerList() {
        Transforms t = of(rules().imagePrefixes(Map.of("registry.prod.example.com/", "registry.staging.example.com/")).build());
        ObjectNode out = t.apply("deployments.apps", "a", deployment("a", "web")).object();
        assertThat(out.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("registry.staging.example.com/shop/web:2");
        assertThat(out.at("/spec/template/spec/initContainers/0/image").asText()).isEqualTo("registry.staging.example.com/shop/migrate:1");
        assertThat(out.at("/spec/template/spec/containers/1/image").asText()).isEqualTo("docker.io/envoy:1");
        ObjectNode cron = yaml("{apiVersion: batch/v1, kind: CronJob, metadata: {name: c, namespace: a}, spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: registry.prod.example.com/x}]}}}}}}");
        assertThat(t.apply("cronjobs.batch", "a", cron).object().at("/spec/jobTemplate/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.staging.example.com/x");
    }

    @Test
    void hostsOfIngressesRoutesAndCertificatesBySuffixExactOrRegex() {
        Transforms t = of(rules().hosts(List.of("*.shop.example.com=*.shop.staging.example.com", "shop.example.com=staging.shop.example.com",
                "/^api-(\\w+)\\.example\\.org$/api-$1.staging.example.org/")).build());
        ObjectNode ingress = yaml("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web, namespace: shop}
                spec:
                  tls: [{hosts: [shop.example.com, www.shop.example.com], secretName: tls}]
                  rules: [{host: shop.example.com}, {host: www.shop.example.com}, {host: other.example.net}]
                """);
        ObjectNode out = t.apply("ingresses.networking.k8s.io", "shop", ingress).object();
        assertThat(out.at("/spec/rules/0/host").asText()).isEqualTo("staging.shop.example.com");
        assertThat(out.at("/spec/rules/1/host").asText()).isEqualTo("www.shop.staging.example.com");
        assertThat(out.at("/spec/rules/2/host").asText()).isEqualTo("other.example.net");
        assertThat(out.at("/spec/tls/0/hosts/1").asText()).isEqualTo("www.shop.staging.example.com");
        ObjectNode route = yaml("{apiVersion: gateway.networking.k8s.io/v1, kind: HTTPRoute, metadata: {name: r, namespace: shop}, spec: {hostnames: ['*.shop.example.com', api-eu.example.org]}}");
        assertThat(t.apply("httproutes.gateway.networking.k8s.io", "shop", route).object().at("/spec/hostnames").toString())
                .isEqualTo("[\"*.shop.staging.example.com\",\"api-eu.staging.example.org\"]");
        ObjectNode cert = yaml("{apiVersion: cert-manager.io/v1, kind: Certificate, metadata: {name: c, namespace: shop}, spec: {commonName: shop.example.com, dnsNames: [shop.example.com, a.shop.example.com]}}");
        ObjectNode c = t.apply("certificates.cert-manager.io", "shop", cert).object();
        assertThat(c.at("/spec/commonName").asText()).isEqualTo("staging.shop.example.com");
        assertThat(c.at("/spec/dnsNames/1").asText()).isEqualTo("a.shop.staging.example.com");
        assertThatThrownBy(() -> rules().hosts(List.of("*.a.com=b.com")).build()).hasMessageContaining("'*.' on both sides");
        assertThatThrownBy(() -> rules().hosts(List.of("/((/x/")).build()).hasMessageContaining("invalid host rewrite");
    }

    @Test
    void scaleDropOrCapHpasAndStripNodePlacement() {
        Transforms t = of(rules().replicas(0).hpaMaxReplicas(2).stripNodePlacement(true).build());
        ObjectNode out = t.apply("deployments.apps", "a", deployment("a", "web")).object();
        assertThat(out.at("/spec/replicas").asInt()).isZero();
        var pod = out.at("/spec/template/spec");
        assertThat(pod.has("nodeSelector")).isFalse();
        assertThat(pod.has("tolerations")).isFalse();
        assertThat(pod.at("/affinity").has("nodeAffinity")).isFalse();
        assertThat(pod.at("/affinity").has("podAntiAffinity")).isTrue();
        ObjectNode hpa = yaml("{apiVersion: autoscaling/v2, kind: HorizontalPodAutoscaler, metadata: {name: h, namespace: a}, spec: {minReplicas: 3, maxReplicas: 10}}");
        ObjectNode capped = t.apply("horizontalpodautoscalers.autoscaling", "a", hpa).object();
        assertThat(capped.at("/spec/maxReplicas").asInt()).isEqualTo(2);
        assertThat(capped.at("/spec/minReplicas").asInt()).isEqualTo(2);
        Transforms drop = of(rules().dropHpa(true).build());
        Transformed gone = drop.apply("horizontalpodautoscalers.autoscaling", "a", hpa);
        assertThat(gone.excluded()).isTrue();
        assertThat(gone.exclusionReason()).isEqualTo("left out by transform rule drop-hpa");
        assertThat(drop.summary().excluded()).containsExactly("horizontalpodautoscalers.autoscaling a/h: left out by drop-hpa");
        assertThatThrownBy(() -> rules().replicas(-1).build()).hasMessageContaining("cannot be negative");
    }

    @Test
    void secretsLeftOutBySelectorOrSubstitutedWithoutEverPrintingAValue() throws Exception {
        Path file = dir.resolve("web.env");
        Files.writeString(file, "# staging values\nSESSION_KEY=staging-session-value\n\nDB_PASSWORD=staging-db-value\n");
        SecretValues values = SecretValues.parse("shop/web-secrets=" + file);
        TransformSpec spec = new TransformSpec(null, rules().excludeSecrets("").secretValues(List.of(values)).build());
        Transforms t = spec.compile();
        String prod = Base64.getEncoder().encodeToString("prod-session-value".getBytes(StandardCharsets.UTF_8));
        ObjectNode web = yaml("{apiVersion: v1, kind: Secret, metadata: {name: web-secrets, namespace: shop-staging}, data: {SESSION_KEY: %s, PROD_ONLY: %s}}"
                .formatted(prod, prod));
        Transformed out = t.apply("secrets", "shop", web);
        assertThat(out.excluded()).isFalse();
        assertThat(new String(Base64.getDecoder().decode(out.object().at("/data/SESSION_KEY").asText()), StandardCharsets.UTF_8))
                .isEqualTo("staging-session-value");
        assertThat(out.object().at("/data").has("PROD_ONLY")).isFalse();
        ObjectNode other = yaml("{apiVersion: v1, kind: Secret, metadata: {name: db, namespace: shop-staging}, data: {password: %s}}".formatted(prod));
        assertThat(t.apply("secrets", "shop", other).excluded()).isTrue();

        String printed = Json.MAPPER.writeValueAsString(t.summary()) + t.summary().lines() + t.rules() + spec + values;
        for (String secret : List.of("staging-session-value", "staging-db-value", prod,
                Base64.getEncoder().encodeToString("staging-session-value".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(printed).doesNotContain(secret);
        }
        assertThat(printed).contains("shop/web-secrets keys [DB_PASSWORD, SESSION_KEY]");

        Transforms bySelector = of(rules().excludeSecrets("app=web").build());
        ObjectNode labelled = other.deepCopy();
        ((ObjectNode) labelled.get("metadata")).putObject("labels").put("app", "web");
        assertThat(bySelector.apply("secrets", "shop", labelled).excluded()).isTrue();
        assertThat(bySelector.apply("secrets", "shop", other).excluded()).isFalse();
        assertThatThrownBy(() -> SecretValues.parse("web-secrets=" + file)).hasMessageContaining("expected namespace/name=FILE");
        Files.writeString(file, "oops-no-equals-sign-hunter2\n");
        assertThatThrownBy(() -> SecretValues.parse("shop/web=" + file)).hasMessageContaining("expected KEY=VALUE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void everyBuiltInShowsAsARuleNamedAfterItsOption() {
        Map<String, String> images = new LinkedHashMap<>();
        images.put("a/", "b/");
        Transforms t = of(rules().storageClasses(Map.of("s", "f")).imagePrefixes(images).hosts(List.of("a.com=b.com")).replicas(1)
                .dropHpa(true).stripNodePlacement(true).excludeSecrets("team=x").build());
        assertThat(t.rules()).extracting(ModifierRule::name).containsExactly("exclude-secrets team=x", "drop-hpa",
                "map-storage-class s=f", "rewrite-image a/=b/", "rewrite-host a.com=b.com", "scale 1", "strip-node-placement");
        assertThat(t.summary().warnings()).hasSize(7);
    }
}
