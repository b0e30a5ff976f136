package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.jenkins.testing.SampleCluster;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** k8sRestore, verifyRestore and k8sDiff take the same transforms: a workspace file or inline YAML, and the built-ins. */
class TransformStepsTest {
    @RegisterExtension
    static final SampleCluster cluster = new SampleCluster();
    static final String RULES = """
            version: v1
            resourceModifierRules:
            - conditions: {groupResource: deployments.apps, namespaces: [shop]}
              patches: [{operation: replace, path: /spec/replicas, value: "1"}]
            """;

    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "clone-shop", 3);
        h.credentials(new TestCreds.Text("k8s", MockCluster.TOKEN), new TestCreds.Text("staging-session", "staging-session-value"));
        K8sBackupStep backup = cluster.connect(new K8sBackupStep(), "k8s");
        backup.setIncludeNamespaces(List.of("shop"));
        backup.setName("prod");
        h.run(backup);
        Files.writeString(h.workspaceDir.resolve("staging.yaml"), RULES);
    }

    private <T extends BackupSelectionStep<?>> T clone(T step, String namespace) {
        step.setIncludeNamespaces(List.of("shop"));
        step.setNamespaceMapping(Map.of("shop", namespace));
        step.setTransforms("staging.yaml");
        step.setRewriteHost(List.of("*.example.com=*.staging.example.com"));
        step.setSecretValues(Map.of("shop/web-secrets/SESSION_KEY", "staging-session"));
        return step;
    }

    @Test
    @SuppressWarnings("unchecked")
    void restorePreviewsAndAppliesAndVerifyAndDiffCompareWithTheTransformedState() throws Exception {
        K8sRestoreStep plan = clone(cluster.connect(new K8sRestoreStep("prod"), "k8s"), "shop-xf");
        plan.setDryRun(true);
        Map<String, Object> preview = (Map<String, Object>) h.run(plan);
        assertThat((List<String>) preview.get("transforms")).as(h.log())
                .contains("transform deployments.apps shop-xf/web: /spec/replicas 2 -> 1 (staging.yaml rule 1)")
                .anyMatch(l -> l.startsWith("transform ingresses.networking.k8s.io shop-xf/web: /spec/rules/0/host shop.example.com -> shop.staging.example.com"))
                .anyMatch(l -> l.startsWith("transform secrets shop-xf/web-secrets: /data/SESSION_KEY (secret value hidden)"
                        + " -> (secret value hidden) (secret-values shop/web-secrets)"));
        assertThat(cluster.client().namespaces().withName("shop-xf").get()).isNull();

        K8sRestoreStep restore = clone(cluster.connect(new K8sRestoreStep("prod"), "k8s"), "shop-xf");
        restore.setWaitTimeout("5s");
        VerifyRestoreStep verify = clone(cluster.connect(new VerifyRestoreStep("prod"), "k8s"), "shop-xf");
        verify.setTimeout("10s");
        Map<String, Object> verified;
        try (WorkloadSimulator controllers = new WorkloadSimulator(cluster.client())) {
            h.run(restore);
            verified = (Map<String, Object>) h.run(verify);
        }
        assertThat(cluster.client().apps().deployments().inNamespace("shop-xf").withName("web").get().getSpec().getReplicas()).isEqualTo(1);
        assertThat(cluster.client().network().v1().ingresses().inNamespace("shop-xf").withName("web").get().getSpec().getRules().get(0)
                .getHost()).isEqualTo("shop.staging.example.com");
        assertThat(cluster.client().secrets().inNamespace("shop-xf").withName("web-secrets").get().getData())
                .containsOnlyKeys("SESSION_KEY").containsEntry("SESSION_KEY", java.util.Base64.getEncoder()
                        .encodeToString("staging-session-value".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(verified.get("verdict")).as(h.log()).isEqualTo("PASS");
        assertThat(h.log()).doesNotContain(SampleApp.SECRET_VALUES.get(0)).doesNotContain("staging-session-value");
        assertThat(String.valueOf(preview)).doesNotContain("staging-session-value").doesNotContain(SampleApp.SECRET_VALUES.get(0));

        K8sDiffStep diff = clone(cluster.connect(new K8sDiffStep("prod"), "k8s"), "shop-xf");
        Map<String, Object> drift = (Map<String, Object>) h.run(diff);
        assertThat(drift).as(h.log()).containsEntry("drift", false);
    }

    @Test
    void inlineYamlWorksAndBadTransformsFailTheStepClearly() throws Exception {
        K8sRestoreStep inline = clone(cluster.connect(new K8sRestoreStep("prod"), "k8s"), "shop-inline");
        inline.setTransforms(RULES);
        inline.setDryRun(true);
        h.run(inline);
        assertThat(h.log()).contains("dry-run");

        K8sRestoreStep outside = clone(cluster.connect(new K8sRestoreStep("prod"), "k8s"), "shop-bad");
        outside.setTransforms("../secrets.yaml");
        assertThat(h.runFailing(outside)).hasMessageContaining("k8sRestore: transforms '../secrets.yaml' must be a path inside the workspace");
        K8sRestoreStep missing = clone(cluster.connect(new K8sRestoreStep("prod"), "k8s"), "shop-bad");
        missing.setTransforms("nope.yaml");
        assertThat(h.runFailing(missing)).hasMessageContaining("k8sRestore: transforms file 'nope.yaml' is not in the workspace");
        VerifyRestoreStep badVersion = clone(cluster.connect(new VerifyRestoreStep("prod"), "k8s"), "shop-bad");
        badVersion.setTransforms("version: v9\nresourceModifierRules: []\n");
        assertThat(h.runFailing(badVersion)).hasMessageContaining("verifyRestore: inline transforms: unsupported resource modifier version 'v9'");
        K8sDiffStep badScale = clone(cluster.connect(new K8sDiffStep("prod"), "k8s"), "shop-bad");
        badScale.setScale(-2);
        assertThat(h.runFailing(badScale)).hasMessageContaining("k8sDiff: --scale -2: replicas cannot be negative");
        K8sRestoreStep badKey = clone(cluster.connect(new K8sRestoreStep("prod"), "k8s"), "shop-bad");
        badKey.setSecretValues(Map.of("shop/web-secrets", "staging-session"));
        assertThat(h.runFailing(badKey)).hasMessageContaining("secretValues key 'shop/web-secrets' must be namespace/secret/KEY");
    }
}
