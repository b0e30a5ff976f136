package io.jenkins.plugins.k8sbackup.transform;

import static io.jenkins.plugins.k8sbackup.transform.Objects.pvc;
import static io.jenkins.plugins.k8sbackup.transform.Objects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each condition alone and combined, on built-in kinds and a custom resource. */
class RuleConditionsTest {
    final ObjectNode claim = pvc("shop-staging", "data-db-0", "standard", "app: db, tier: data");
    final ObjectNode flag = yaml("{apiVersion: shop.example.com/v1, kind: FeatureFlag, metadata: {name: dark-mode, namespace: shop, labels: {app: web}}, spec: {enabled: true}}");
    final ObjectNode node = yaml("{apiVersion: v1, kind: PersistentVolume, metadata: {name: pv-1}, spec: {storageClassName: standard}}");

    @Test
    void groupResourceGlobs() {
        assertThat(RuleConditions.forResource("persistentvolumeclaims").matches("persistentvolumeclaims", "shop", claim)).isTrue();
        assertThat(RuleConditions.forResource("persistentvolumeclaims").matches("persistentvolumes", null, node)).isFalse();
        assertThat(RuleConditions.forResource("*.apps").matches("deployments.apps", "a", claim)).isTrue();
        assertThat(RuleConditions.forResource("*.apps").matches("pods", "a", claim)).isFalse();
        assertThat(RuleConditions.forResource("*").matches("pods", "a", claim)).isTrue();
        assertThat(RuleConditions.forResource("*").matches("featureflags.shop.example.com", "a", flag)).isFalse();
        assertThat(RuleConditions.forResource("**").matches("featureflags.shop.example.com", "a", flag)).isTrue();
        assertThat(RuleConditions.forResource("*.shop.example.com").matches("featureflags.shop.example.com", "a", flag)).isTrue();
        assertThat(RuleConditions.forResource("{pods,persistentvolumes}").matches("persistentvolumes", null, node)).isTrue();
        assertThat(RuleConditions.forResource("{pods,persistentvolumes}").matches("persistentvolumeclaims", "a", claim)).isFalse();
    }

    @Test
    void namespacesAreTheBackupsAndDoNotApplyToClusterScopedObjects() {
        RuleConditions inShop = new RuleConditions("**", List.of("shop", "pay*"), null, null, null, null);
        // the claim lives in shop-staging after mapping; its namespace in the backup was shop
        assertThat(inShop.matches("persistentvolumeclaims", "shop", claim)).isTrue();
        assertThat(inShop.matches("persistentvolumeclaims", "shop-staging", claim)).isFalse();
        assertThat(inShop.matches("persistentvolumeclaims", "payments", claim)).isTrue();
        assertThat(inShop.matches("persistentvolumes", null, node)).isTrue();
        assertThat(inShop.matches("persistentvolumes", "", node)).isTrue();
    }

    @Test
    void nameRegexIsSearchedNotAnchored() {
        assertThat(new RuleConditions("**", null, "db", null, null, null).matches("persistentvolumeclaims", "s", claim)).isTrue();
        assertThat(new RuleConditions("**", null, "^db", null, null, null).matches("persistentvolumeclaims", "s", claim)).isFalse();
    }

    @Test
    void labelSelectorsFromVelerosMatchLabelsAndMatchExpressions() {
        String sel = ResourceModifiers.labelSelector(yaml("""
                matchLabels: {app: db}
                matchExpressions:
                - {key: tier, operator: In, values: [data, cache]}
                - {key: env, operator: NotIn, values: [prod]}
                - {key: tier, operator: Exists}
                - {key: legacy, operator: DoesNotExist}
                """));
        RuleConditions c = new RuleConditions("**", null, null, sel, null, null);
        assertThat(c.matches("persistentvolumeclaims", "s", claim)).isTrue();
        assertThat(c.matches("featureflags.shop.example.com", "shop", flag)).isFalse();
        ObjectNode legacy = claim.deepCopy();
        ((ObjectNode) legacy.at("/metadata/labels")).put("legacy", "1");
        assertThat(c.matches("persistentvolumeclaims", "s", legacy)).isFalse();
    }

    @Test
    void matchesCompareAJsonPointersValueAndAMissingFieldDoesNotMatch() {
        RuleConditions standard = new RuleConditions("**", null, null, null,
                List.of(new RuleConditions.Match("/spec/storageClassName", TextNode.valueOf("standard"))), null);
        assertThat(standard.matches("persistentvolumeclaims", "s", claim)).isTrue();
        assertThat(standard.matches("featureflags.shop.example.com", "shop", flag)).isFalse();
        RuleConditions enabled = new RuleConditions("**", null, null, null,
                List.of(new RuleConditions.Match("/spec/enabled", ResourceModifiers.value(TextNode.valueOf("true")))), null);
        assertThat(enabled.matches("featureflags.shop.example.com", "shop", flag)).isTrue();
        RuleConditions index = new RuleConditions("**", null, null, null,
                List.of(new RuleConditions.Match("/spec/accessModes/3", TextNode.valueOf("x"))), null);
        assertThat(index.matches("persistentvolumeclaims", "s", claim)).isFalse();
    }

    @Test
    void allConditionsCombinedOnACustomResource() {
        RuleConditions all = new RuleConditions("featureflags.shop.example.com", List.of("shop"), "^dark", "app=web",
                List.of(new RuleConditions.Match("/spec/enabled", ResourceModifiers.value(TextNode.valueOf("true")))), null);
        assertThat(all.matches("featureflags.shop.example.com", "shop", flag)).isTrue();
        assertThat(all.matches("featureflags.shop.example.com", "other", flag)).isFalse();
        RuleConditions except = new RuleConditions("featureflags.shop.example.com", List.of("shop"), "^dark", "app=web", null,
                Set.of("shop/dark-mode"));
        assertThat(except.matches("featureflags.shop.example.com", "shop", flag)).isFalse();
        assertThat(all.toString()).isEqualTo("featureflags.shop.example.com in shop named ~^dark with labels app=web where /spec/enabled = true");
    }
}
