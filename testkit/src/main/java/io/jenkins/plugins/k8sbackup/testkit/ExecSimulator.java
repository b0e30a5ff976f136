package io.jenkins.plugins.k8sbackup.testkit;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the kubelet for pods/exec: answers the websocket with the v4 channel protocol (1 stdout, 2 stderr,
 * 3 status), frames sent in order from one thread, and records each exec with the stdin it received. The
 * mock server's own websocket expectations send frames from a thread pool and can reorder or lose them.
 */
public final class ExecSimulator {
    /** One exec request. */
    public record Exec(String namespace, String pod, String container, List<String> command) {}

    /** What the command prints and returns; {@code delay} holds the exit back (a hanging command). */
    public record Reply(String stdout, String stderr, int exitCode, Duration delay) {
        public static Reply ok(String stdout) {
            return new Reply(stdout, null, 0, Duration.ZERO);
        }

        public static Reply fail(int exitCode, String stderr) {
            return new Reply(null, stderr, exitCode, Duration.ZERO);
        }

        public static Reply hang() {
            return new Reply(null, null, 0, Duration.ofMinutes(10));
        }
    }

    @FunctionalInterface
    public interface Handler {
        Reply answer(Exec exec);
    }

    private final List<Exec> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<Exec, ByteArrayOutputStream> stdin = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "exec-simulator");
        t.setDaemon(true);
        return t;
    });
    private volatile Handler handler = e -> Reply.fail(126, "no exec answer scripted for " + e);

    public void handler(Handler h) {
        this.handler = h;
    }

    public List<Exec> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** What the client sent on stdin to this exec (empty if nothing). */
    public byte[] stdinOf(Exec exec) {
        ByteArrayOutputStream b = stdin.get(exec);
        return b == null ? new byte[0] : b.toByteArray();
    }

    static boolean isExec(String path) {
        return path.matches("/api/v1/namespaces/[^/]+/pods/[^/]+/exec");
    }

    MockResponse dispatch(RecordedRequest request, String path, String rawQuery) {
        String[] s = path.split("/");
        List<String> command = new ArrayList<>();
        String container = null;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = pair.substring(0, eq);
            String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (k.equals("command")) {
                command.add(v);
            } else if (k.equals("container")) {
                container = v;
            }
        }
        Exec exec = new Exec(s[4], s[6], container, List.copyOf(command));
        calls.add(exec);
        Reply reply = handler.answer(exec);
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws, Response response) {
                timer.execute(() -> {
                    if (reply.stdout() != null && !reply.stdout().isEmpty()) {
                        ws.send(frame(1, reply.stdout()));
                    }
                    if (reply.stderr() != null && !reply.stderr().isEmpty()) {
                        ws.send(frame(2, reply.stderr()));
                    }
                });
                timer.schedule(() -> {
                    ws.send(frame(3, status(reply.exitCode())));
                    timer.schedule(() -> ws.close(1000, "done"), 200, TimeUnit.MILLISECONDS);
                }, 20 + reply.delay().toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public void onMessage(WebSocket ws, byte[] bytes) {
                if (bytes.length > 1 && bytes[0] == 0) {
                    stdin.computeIfAbsent(exec, k -> new ByteArrayOutputStream()).write(bytes, 1, bytes.length - 1);
                }
            }
        });
    }

    private static byte[] frame(int channel, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) channel;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    private static String status(int exitCode) {
        if (exitCode == 0) {
            return "{\"metadata\":{},\"status\":\"Success\"}";
        }
        return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: " + exitCode
                + "\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"" + exitCode + "\"}]}}";
    }

    void close() {
        timer.shutdownNow();
    }
}
