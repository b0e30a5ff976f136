package io.jenkins.plugins.k8sbackup.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.kube.PodsAsJson;
import io.jenkins.plugins.k8sbackup.util.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Velero's hook annotations on pods, so annotated workloads work unchanged:
 * {@code pre.hook.backup.velero.io/command} (JSON array or plain string), {@code /container} (default: the
 * first container), {@code /on-error} (default Fail), {@code /timeout} (default 30s), the same with
 * {@code post.hook.backup.velero.io/}, and {@code post.hook.restore.velero.io/} with {@code exec-timeout},
 * {@code wait-timeout} and {@code wait-for-ready}. Our one addition:
 * {@code pre.hook.backup.k8s-backup.jenkins.io/capture-output: "true"} (or post.) stores the hook's stdout.
 * Pods come as JSON trees (see {@link PodsAsJson}).
 */
public final class VeleroHookAnnotations {
    public static final String PRE_BACKUP = "pre.hook.backup.velero.io/";
    public static final String POST_BACKUP = "post.hook.backup.velero.io/";
    public static final String POST_RESTORE = "post.hook.restore.velero.io/";
    public static final String CAPTURE_SUFFIX = ".hook.backup.k8s-backup.jenkins.io/capture-output";

    private VeleroHookAnnotations() {}

    /** The pod's backup hooks; a malformed annotation throws {@link IllegalArgumentException} naming it. */
    public static List<HookSpec> backupHooks(JsonNode pod) {
        Map<String, String> a = annotations(pod);
        List<HookSpec> hooks = new ArrayList<>();
        for (HookPhase phase : HookPhase.values()) {
            String prefix = phase == HookPhase.pre ? PRE_BACKUP : POST_BACKUP;
            String command = a.get(prefix + "command");
            if (command == null) {
                continue;
            }
            String where = " on pod " + PodsAsJson.namespace(pod) + "/" + PodsAsJson.name(pod);
            try {
                hooks.add(new HookSpec("velero-" + phase, phase, PodsAsJson.namespace(pod), PodsAsJson.name(pod),
                        null, container(pod, a.get(prefix + "container")), HookCommand.parse(command),
                        OnError.parse(a.get(prefix + "on-error"), OnError.Fail), duration(a.get(prefix + "timeout"), HookSpec.DEFAULT_TIMEOUT),
                        "true".equalsIgnoreCase(a.get(phase + CAPTURE_SUFFIX))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid " + prefix + "* annotation" + where + ": " + e.getMessage(), e);
            }
        }
        return hooks;
    }

    /** The pod's post-restore hook, if annotated. */
    public static java.util.Optional<RestoreHookSpec> restoreHook(JsonNode pod) {
        Map<String, String> a = annotations(pod);
        String command = a.get(POST_RESTORE + "command");
        if (command == null) {
            return java.util.Optional.empty();
        }
        try {
            String wait = a.get(POST_RESTORE + "wait-for-ready");
            return java.util.Optional.of(new RestoreHookSpec("velero-post-restore", PodsAsJson.namespace(pod),
                    PodsAsJson.name(pod), null, container(pod, a.get(POST_RESTORE + "container")), HookCommand.parse(command),
                    OnError.parse(a.get(POST_RESTORE + "on-error"), OnError.Continue),
                    duration(a.get(POST_RESTORE + "exec-timeout"), RestoreHookSpec.DEFAULT_EXEC_TIMEOUT),
                    duration(a.get(POST_RESTORE + "wait-timeout"), RestoreHookSpec.DEFAULT_WAIT_TIMEOUT),
                    wait == null || !"false".equalsIgnoreCase(wait.trim()), null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + POST_RESTORE + "* annotation on pod " + PodsAsJson.namespace(pod)
                    + "/" + PodsAsJson.name(pod) + ": " + e.getMessage(), e);
        }
    }

    static String container(JsonNode pod, String named) {
        if (named != null && !named.isBlank()) {
            return named.trim();
        }
        String first = pod.path("spec").path("containers").path(0).path("name").asText("");
        if (first.isEmpty()) {
            throw new IllegalArgumentException("no container named and the pod has none");
        }
        return first;
    }

    private static Duration duration(String value, Duration defaultValue) {
        return value == null || value.isBlank() ? defaultValue : Durations.parse(value);
    }

    private static Map<String, String> annotations(JsonNode pod) {
        Map<String, String> a = new HashMap<>();
        pod.path("metadata").path("annotations").fields().forEachRemaining(e -> a.put(e.getKey(), e.getValue().asText()));
        return a;
    }
}
