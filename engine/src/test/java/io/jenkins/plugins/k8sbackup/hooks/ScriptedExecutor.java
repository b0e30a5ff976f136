package io.jenkins.plugins.k8sbackup.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pod exec that answers from a script and records every call, for tests of hook policy. The wire protocol
 * itself is covered by {@code KubernetesPodExecutorTest} against the mock API server.
 */
final class ScriptedExecutor implements PodExecutor {
    record Call(String namespace, String pod, String container, List<String> command, byte[] stdin) {}

    record Answer(String stdout, ExecResult result) {}

    final List<Call> calls = new ArrayList<>();
    final List<String> events;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    ScriptedExecutor(List<String> events) {
        this.events = events;
    }

    ScriptedExecutor answer(String pod, List<String> command, String stdout, ExecResult result) {
        answers.put(pod + " " + command, new Answer(stdout, result));
        return this;
    }

    @Override
    public synchronized ExecResult exec(String namespace, String pod, String container, List<String> command,
                                        InputStream stdin, OutputStream stdout, Duration timeout) {
        try {
            calls.add(new Call(namespace, pod, container, command, stdin == null ? null : stdin.readAllBytes()));
            events.add("exec " + pod + " " + command);
            Answer a = answers.get(pod + " " + command);
            if (a == null) {
                return new ExecResult(null, null, "no such command in the script");
            }
            if (a.stdout() != null) {
                stdout.write(a.stdout().getBytes(StandardCharsets.UTF_8));
            }
            return a.result();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
