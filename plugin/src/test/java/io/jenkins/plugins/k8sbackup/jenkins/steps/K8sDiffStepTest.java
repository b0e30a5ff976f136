package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.k8sbackup.jenkins.report.BackupReportAction;
import io.jenkins.plugins.k8sbackup.jenkins.testing.SampleCluster;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** k8sDiff: the backup against the live cluster, with drift as a result, an UNSTABLE build or a failed step. */
class K8sDiffStepTest {
    @RegisterExtension
    static final SampleCluster cluster = new SampleCluster();

    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "deploy-shop", 9);
        h.credentials(new TestCreds.Text("k8s", MockCluster.TOKEN));
        cluster.client().configMaps().inNamespace("shop-data").withName("diff-probe").delete();
        cluster.client().configMaps().inNamespace("shop-data").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("diff-probe").endMetadata().addToData("LEVEL", "info").build()).create();
        K8sBackupStep backup = cluster.connect(new K8sBackupStep(), "k8s");
        backup.setIncludeNamespaces(List.of("shop-data"));
        backup.setName("known-good");
        h.run(backup);
    }

    K8sDiffStep diff() {
        K8sDiffStep step = cluster.connect(new K8sDiffStep("known-good"), "k8s");
        step.setIncludeNamespaces(List.of("shop-data"));
        step.setIncludeResources(List.of("configmaps"));
        return step;
    }

    @Test
    @SuppressWarnings("unchecked")
    void noChangeIsNoDrift() throws Exception {
        Map<String, Object> result = (Map<String, Object>) h.run(diff());

        assertThat(result).containsEntry("drift", false);
        assertThat((Map<String, Long>) result.get("counts")).containsEntry("changed", 0L).containsEntry("missing", 0L);
        assertThat((Long) ((Map<String, Long>) result.get("counts")).get("compared")).isPositive();
        assertThat(h.result()).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aChangedObjectIsDriftShownOnTheBuildPageAndMarksTheBuildUnstableWhenAsked() throws Exception {
        cluster.client().configMaps().inNamespace("shop-data").withName("diff-probe").edit(c -> {
            c.getData().put("LEVEL", "debug");
            return c;
        });
        K8sDiffStep step = diff();
        step.setUnstableOnDrift(true);

        Map<String, Object> result = (Map<String, Object>) h.run(step);

        assertThat(result).containsEntry("drift", true);
        assertThat((Map<String, Long>) result.get("counts")).containsEntry("changed", 1L);
        assertThat(((Map<String, Object>) result.get("changed")).keySet()).singleElement().asString().contains("diff-probe");
        assertThat(h.result()).isEqualTo(Result.UNSTABLE);
        assertThat(h.run.getAction(BackupReportAction.class).getEntries()).anySatisfy(e -> assertThat(e.getStatus()).isEqualTo("Drift"));
    }

    @Test
    void failOnDriftFailsTheStepAndADeletedObjectIsDriftToo() throws Exception {
        cluster.client().configMaps().inNamespace("shop-data").withName("diff-probe").delete();
        K8sDiffStep step = diff();
        step.setFailOnDrift(true);

        Throwable failure = h.runFailing(step);

        assertThat(failure).hasMessageContaining("k8sDiff: the cluster drifted from the backup");
    }

    @Test
    void aSelectionThatComparesNothingFails() throws Exception {
        K8sDiffStep step = diff();
        step.setIncludeNamespaces(List.of("no-such-namespace"));

        assertThat(h.runFailing(step)).hasMessageContaining("k8sDiff failed: ");
    }
}
