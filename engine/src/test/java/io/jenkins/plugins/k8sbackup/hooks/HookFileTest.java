package io.jenkins.plugins.k8sbackup.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookFileTest {
    @TempDir
    Path dir;

    private HookFile read(String text) throws Exception {
        Path file = dir.resolve("hooks.yaml");
        Files.writeString(file, text);
        return HookFile.read(file);
    }

    @Test
    void readsBackupAndRestoreHooksWithVeleroDefaults() throws Exception {
        HookFile hooks = read("""
                backup:
                  - name: dump
                    namespace: shop-data
                    podName: db-0
                    container: mysql
                    command: [sh, -c, "mysqldump --all-databases"]
                    timeout: 2m
                    captureOutput: true
                  - name: thaw
                    phase: post
                    namespace: shop-data
                    labelSelector: app=db
                    command: fsfreeze --unfreeze /var/lib/mysql
                    onError: continue
                restore:
                  - name: load
                    namespace: shop-data
                    labelSelector: app=db
                    command: [sh, -c, "mysql < /dev/stdin"]
                    stdinArtifact: artifacts/shop-data/db-0/dump.out
                    waitTimeout: 10m
                """);

        assertThat(hooks.backup()).containsExactly(
                new HookSpec("dump", HookPhase.pre, "shop-data", "db-0", null, "mysql", List.of("sh", "-c", "mysqldump --all-databases"),
                        OnError.Fail, Duration.ofMinutes(2), true),
                new HookSpec("thaw", HookPhase.post, "shop-data", null, "app=db", null, List.of("fsfreeze --unfreeze /var/lib/mysql"),
                        OnError.Continue, HookSpec.DEFAULT_TIMEOUT, false));
        assertThat(hooks.restore()).containsExactly(new RestoreHookSpec("load", "shop-data", null, "app=db", null,
                List.of("sh", "-c", "mysql < /dev/stdin"), OnError.Continue, RestoreHookSpec.DEFAULT_EXEC_TIMEOUT,
                Duration.ofMinutes(10), true, "artifacts/shop-data/db-0/dump.out"));
    }

    @Test
    void jsonAndAnEmptyFileAreAccepted() throws Exception {
        assertThat(read("{\"restore\": [{\"name\": \"r\", \"namespace\": \"n\", \"podName\": \"p\", \"command\": [\"true\"],"
                + " \"waitForReady\": false}]}").restore()).singleElement().satisfies(h -> assertThat(h.waitForReady()).isFalse());
        assertThat(read("")).isEqualTo(new HookFile(List.of(), List.of()));
        assertThat(read("# no hooks yet\n")).isEqualTo(new HookFile(List.of(), List.of()));
    }

    @Test
    void mistakesAreClearErrorsNamingTheFileAndTheHook() {
        assertThatThrownBy(() -> read("backup:\n  - name: dump\n    namespace: n\n    podName: p\n    command: [x]\n    onErorr: Fail\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hooks.yaml").hasMessageContaining("unknown key 'onErorr'");
        assertThatThrownBy(() -> read("backup:\n  - name: dump\n    namespace: n\n    command: [x]\n"))
                .hasMessageContaining("hooks.yaml").hasMessageContaining("hook 'dump' needs either a pod name or a label selector");
        assertThatThrownBy(() -> read("restore:\n  - name: load\n    podName: p\n    command: [x]\n"))
                .hasMessageContaining("restore hook 'load' needs a namespace");
        assertThatThrownBy(() -> read("backup:\n  - name: d\n    phase: during\n    namespace: n\n    podName: p\n    command: [x]\n"))
                .hasMessageContaining("phase must be pre or post");
        assertThatThrownBy(() -> read("backup: [name: oops")).hasMessageContaining("is not valid YAML/JSON");
        assertThatThrownBy(() -> HookFile.read(dir.resolve("missing.yaml"))).hasMessageContaining("does not exist");
    }
}
