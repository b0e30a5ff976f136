package io.jenkins.plugins.k8sbackup.hooks;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.TtyExecOutputErrorable;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Exec through the API server's pods/exec websocket (fabric8). */
public final class KubernetesPodExecutor implements PodExecutor {
    private static final int STDERR_TAIL = 2048;

    private final KubernetesClient client;

    public KubernetesPodExecutor(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public ExecResult exec(String namespace, String pod, String container, List<String> command, InputStream stdin,
                           OutputStream stdout, Duration timeout) throws InterruptedException {
        ByteArrayOutputStream stderr = new BoundedBuffer(STDERR_TAIL);
        ContainerResource target = client.pods().inNamespace(namespace).withName(pod).inContainer(container);
        TtyExecOutputErrorable withInput = stdin == null ? target : target.readingInput(stdin);
        try (ExecWatch watch = withInput.writingOutput(stdout).writingError(stderr).exec(command.toArray(String[]::new))) {
            Integer code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ExecResult(code, stderr.toString(StandardCharsets.UTF_8),
                    code == null ? "the connection closed without an exit status" : null);
        } catch (TimeoutException e) {
            return new ExecResult(null, stderr.toString(StandardCharsets.UTF_8), "timed out after " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new ExecResult(null, stderr.toString(StandardCharsets.UTF_8), "exec failed: " + cause.getMessage());
        } catch (KubernetesClientException e) {
            return new ExecResult(null, null, "exec failed (" + e.getCode() + "): " + e.getMessage());
        }
    }

    /** Keeps the first bytes of stderr: enough for an error message, never a memory problem. */
    private static final class BoundedBuffer extends ByteArrayOutputStream {
        private final int limit;

        BoundedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (count < limit) {
                super.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, Math.max(0, Math.min(len, limit - count)));
        }
    }
}
