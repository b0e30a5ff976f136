package io.jenkins.plugins.k8sbackup.hooks;

import io.jenkins.plugins.k8sbackup.util.Durations;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * A post-restore exec hook: once the restored pod's container is ready (unless {@code waitForReady} is
 * false), run {@code command} in it, optionally with a backup artifact (e.g. the dump a pre-backup hook
 * captured, {@code artifacts/<ns>/<pod>/<hook>.out}) on stdin. Defaults as in Velero: onError Continue,
 * exec timeout 30 s; the wait timeout defaults to 5 min (Velero waits forever).
 */
public record RestoreHookSpec(String name, String namespace, String podName, String labelSelector, String container,
                              List<String> command, OnError onError, Duration execTimeout, Duration waitTimeout,
                              boolean waitForReady, String stdinArtifact) implements Serializable {
    public static final Duration DEFAULT_EXEC_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMinutes(5);

    public RestoreHookSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a restore hook needs a name");
        }
        if (command == null || command.isEmpty() || command.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("restore hook '" + name + "' has no command");
        }
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("restore hook '" + name + "' needs a namespace");
        }
        if ((podName == null || podName.isBlank()) == (labelSelector == null || labelSelector.isBlank())) {
            throw new IllegalArgumentException("restore hook '" + name + "' needs either a pod name or a label selector");
        }
        command = List.copyOf(command);
        onError = onError == null ? OnError.Continue : onError;
        execTimeout = execTimeout == null || execTimeout.isZero() || execTimeout.isNegative() ? DEFAULT_EXEC_TIMEOUT : execTimeout;
        waitTimeout = waitTimeout == null || waitTimeout.isZero() || waitTimeout.isNegative() ? DEFAULT_WAIT_TIMEOUT : waitTimeout;
    }

    /**
     * A hook as a user wrote it (a hooks file, a pipeline step): onError and the timeouts as text, where blank means
     * this record's default.
     */
    public static RestoreHookSpec declared(String name, String namespace, String podName, String labelSelector, String container,
                                           List<String> command, String onError, String execTimeout, String waitTimeout,
                                           boolean waitForReady, String stdinArtifact) {
        return new RestoreHookSpec(name, namespace, podName, labelSelector, container, command, OnError.parse(onError, null),
                Durations.parseOptional(execTimeout), Durations.parseOptional(waitTimeout), waitForReady, stdinArtifact);
    }

    /** The same hook in another namespace: a restore with namespace mapping runs it in the target namespace. */
    public RestoreHookSpec inNamespace(String target) {
        return new RestoreHookSpec(name, target, podName, labelSelector, container, command, onError, execTimeout,
                waitTimeout, waitForReady, stdinArtifact);
    }
}
