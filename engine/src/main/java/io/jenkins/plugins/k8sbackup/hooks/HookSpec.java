package io.jenkins.plugins.k8sbackup.hooks;

import io.jenkins.plugins.k8sbackup.util.Durations;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * A backup hook declared in the backup spec: run {@code command} in {@code container} (default: the pod's
 * first) of the running pods selected by {@code podName} or {@code labelSelector} in {@code namespace}.
 * With {@code captureOutput} its stdout is stored in the backup as {@code artifacts/<ns>/<pod>/<name>.out}.
 * Defaults as in Velero: onError Fail, timeout 30 s.
 */
public record HookSpec(String name, HookPhase phase, String namespace, String podName, String labelSelector,
                       String container, List<String> command, OnError onError, Duration timeout,
                       boolean captureOutput) implements Serializable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public HookSpec {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}") || name.contains("..")) {
            throw new IllegalArgumentException("hook name '" + name + "' is invalid: use letters, digits, '.', '_' and '-'");
        }
        if (command == null || command.isEmpty() || command.stream().anyMatch(c -> c == null)) {
            throw new IllegalArgumentException("hook '" + name + "' has no command");
        }
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("hook '" + name + "' needs a namespace");
        }
        if ((podName == null || podName.isBlank()) == (labelSelector == null || labelSelector.isBlank())) {
            throw new IllegalArgumentException("hook '" + name + "' needs either a pod name or a label selector");
        }
        command = List.copyOf(command);
        phase = phase == null ? HookPhase.pre : phase;
        onError = onError == null ? OnError.Fail : onError;
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? DEFAULT_TIMEOUT : timeout;
    }

    /**
     * A hook as a user wrote it (a hooks file, a pipeline step): phase, onError and timeout as text, where blank
     * means this record's default.
     */
    public static HookSpec declared(String name, String phase, String namespace, String podName, String labelSelector,
                                    String container, List<String> command, String onError, String timeout, boolean captureOutput) {
        return new HookSpec(name, HookPhase.parse(phase, name), namespace, podName, labelSelector, container, command,
                OnError.parse(onError, null), Durations.parseOptional(timeout), captureOutput);
    }
}
