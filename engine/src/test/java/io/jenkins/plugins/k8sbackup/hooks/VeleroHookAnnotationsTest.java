package io.jenkins.plugins.k8sbackup.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VeleroHookAnnotationsTest {
    /** As the hooks read pods: JSON, not fabric8's typed model. */
    private static JsonNode pod(Map<String, String> annotations) {
        return Json.MAPPER.valueToTree(new PodBuilder().withNewMetadata().withName("db-0").withNamespace("shop-data").withAnnotations(annotations)
                .endMetadata().withNewSpec().addNewContainer().withName("mysql").endContainer()
                .addNewContainer().withName("exporter").endContainer().endSpec().build());
    }

    @Test
    void readsVelerosBackupAnnotationsWithItsDefaults() {
        List<HookSpec> hooks = VeleroHookAnnotations.backupHooks(pod(Map.of(
                "pre.hook.backup.velero.io/command", "[\"/bin/sh\", \"-c\", \"mysql -e 'FLUSH TABLES WITH READ LOCK'\"]",
                "post.hook.backup.velero.io/command", "/usr/local/bin/unlock",
                "post.hook.backup.velero.io/container", "exporter",
                "post.hook.backup.velero.io/on-error", "Continue",
                "post.hook.backup.velero.io/timeout", "2m")));

        assertThat(hooks).hasSize(2);
        HookSpec pre = hooks.get(0);
        assertThat(pre.phase()).isEqualTo(HookPhase.pre);
        assertThat(pre.command()).containsExactly("/bin/sh", "-c", "mysql -e 'FLUSH TABLES WITH READ LOCK'");
        assertThat(pre.container()).isEqualTo("mysql"); // the first container
        assertThat(pre.onError()).isEqualTo(OnError.Fail);
        assertThat(pre.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(pre.captureOutput()).isFalse();
        assertThat(pre.podName()).isEqualTo("db-0");
        HookSpec post = hooks.get(1);
        assertThat(post.command()).containsExactly("/usr/local/bin/unlock"); // a plain string is one argument
        assertThat(post.container()).isEqualTo("exporter");
        assertThat(post.onError()).isEqualTo(OnError.Continue);
        assertThat(post.timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void captureOutputIsOurOneAddition() {
        List<HookSpec> hooks = VeleroHookAnnotations.backupHooks(pod(Map.of(
                "pre.hook.backup.velero.io/command", "[\"mysqldump\", \"--all-databases\"]",
                "pre.hook.backup.k8s-backup.jenkins.io/capture-output", "true")));
        assertThat(hooks).singleElement().satisfies(h -> {
            assertThat(h.captureOutput()).isTrue();
            assertThat(h.name()).isEqualTo("velero-pre");
        });
    }

    @Test
    void podsWithoutHookAnnotationsHaveNoHooks() {
        assertThat(VeleroHookAnnotations.backupHooks(pod(Map.of("unrelated", "x")))).isEmpty();
        assertThat(VeleroHookAnnotations.restoreHook(pod(Map.of()))).isEmpty();
    }

    @Test
    void badValuesAreRejectedNamingTheAnnotationAndPod() {
        assertThatThrownBy(() -> VeleroHookAnnotations.backupHooks(pod(Map.of(
                "pre.hook.backup.velero.io/command", "ls", "pre.hook.backup.velero.io/on-error", "Ignore"))))
                .hasMessageContaining("pre.hook.backup.velero.io/* annotation on pod shop-data/db-0")
                .hasMessageContaining("onError must be Continue or Fail");
        assertThatThrownBy(() -> VeleroHookAnnotations.backupHooks(pod(Map.of(
                "post.hook.backup.velero.io/command", "ls", "post.hook.backup.velero.io/timeout", "soon"))))
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> VeleroHookAnnotations.backupHooks(pod(Map.of("pre.hook.backup.velero.io/command", "[]"))))
                .hasMessageContaining("empty array");
        assertThatThrownBy(() -> VeleroHookAnnotations.backupHooks(pod(Map.of("pre.hook.backup.velero.io/command", "[1, {}]"))))
                .hasMessageContaining("not a JSON array of strings");
    }

    @Test
    void readsThePostRestoreHook() {
        RestoreHookSpec hook = VeleroHookAnnotations.restoreHook(pod(Map.of(
                "post.hook.restore.velero.io/command", "[\"/bin/sh\", \"-c\", \"mysql < /backup/dump.sql\"]",
                "post.hook.restore.velero.io/wait-timeout", "90s",
                "post.hook.restore.velero.io/wait-for-ready", "true"))).orElseThrow();
        assertThat(hook.container()).isEqualTo("mysql");
        assertThat(hook.onError()).isEqualTo(OnError.Continue); // Velero's restore default
        assertThat(hook.execTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(hook.waitTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(hook.waitForReady()).isTrue();
    }

    @Test
    void specHooksAreValidated() {
        assertThatThrownBy(() -> new HookSpec("../x", null, "ns", "p", null, null, List.of("ls"), null, null, false))
                .hasMessageContaining("invalid");
        assertThatThrownBy(() -> new HookSpec("h", null, "ns", "p", "app=x", null, List.of("ls"), null, null, false))
                .hasMessageContaining("either a pod name or a label selector");
        assertThatThrownBy(() -> new HookSpec("h", null, "ns", "p", null, null, List.of(), null, null, false))
                .hasMessageContaining("no command");
        assertThatThrownBy(() -> HookArtifacts.path("ns", "pod", "a/b")).hasMessageContaining("invalid artifact path");
    }
}
