package io.jenkins.plugins.k8sbackup.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Exec hooks declared in a file (YAML or JSON) for the command line, {@code --hooks FILE}:
 * <pre>
 * backup:                       # HookSpec
 *   - name: dump
 *     phase: pre                # pre | post
 *     namespace: shop-data
 *     podName: db-0             # or labelSelector: app=db
 *     container: db
 *     command: [sh, -c, "mysqldump --all-databases"]
 *     onError: Fail             # Continue | Fail
 *     timeout: 2m
 *     captureOutput: true
 * restore:                      # RestoreHookSpec
 *   - name: load
 *     namespace: shop-data      # as in the backup; mapped with --namespace-map
 *     labelSelector: app=db
 *     command: [sh, -c, "mysql &lt; /dev/stdin"]
 *     stdinArtifact: artifacts/shop-data/db-0/dump.out
 *     waitTimeout: 5m
 * </pre>
 * Unknown keys are errors: a misspelt {@code onErorr: Fail} must not silently become the default.
 */
public record HookFile(List<HookSpec> backup, List<RestoreHookSpec> restore) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    public static HookFile read(Path file) throws IOException {
        Entries entries;
        try {
            JsonNode tree = YAML.readTree(Files.readAllBytes(file));
            // an empty file, or one with only comments, declares no hooks
            entries = tree == null || tree.isMissingNode() || tree.isNull() ? null : YAML.treeToValue(tree, Entries.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("hooks file " + file + " does not exist");
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("hooks file " + file + ": unknown key '" + e.getPropertyName() + "' at "
                    + e.getPathReference().replaceAll(".*\\[\"", "").replace("\"]", "") + e.getLocation().offsetDescription());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("hooks file " + file + " is not valid YAML/JSON: " + e.getOriginalMessage());
        }
        if (entries == null) {
            return new HookFile(List.of(), List.of());
        }
        List<HookSpec> backup = new ArrayList<>();
        List<RestoreHookSpec> restore = new ArrayList<>();
        try {
            for (BackupEntry e : nonNull(entries.backup())) {
                backup.add(e.toSpec());
            }
            for (RestoreEntry e : nonNull(entries.restore())) {
                restore.add(e.toSpec());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hooks file " + file + ": " + e.getMessage(), e);
        }
        return new HookFile(backup, restore);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private record Entries(List<BackupEntry> backup, List<RestoreEntry> restore) {}

    private record BackupEntry(String name, String phase, String namespace, String podName, String labelSelector,
                               String container, List<String> command, String onError, String timeout, Boolean captureOutput) {
        HookSpec toSpec() {
            return HookSpec.declared(name, phase, namespace, podName, labelSelector, container, command, onError, timeout,
                    Boolean.TRUE.equals(captureOutput));
        }
    }

    private record RestoreEntry(String name, String namespace, String podName, String labelSelector, String container,
                                List<String> command, String onError, String execTimeout, String waitTimeout,
                                Boolean waitForReady, String stdinArtifact) {
        RestoreHookSpec toSpec() {
            return RestoreHookSpec.declared(name, namespace, podName, labelSelector, container, command, onError, execTimeout,
                    waitTimeout, !Boolean.FALSE.equals(waitForReady), stdinArtifact);
        }
    }
}
