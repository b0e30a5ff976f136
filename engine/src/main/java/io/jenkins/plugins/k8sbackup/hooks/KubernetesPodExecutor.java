package io.jenkins.plugins.k8sbackup.hooks;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.TtyExecOutputErrorable;
import io.jenkins.plugins.k8sbackup.kube.ApiErrors;
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
        // Given only a name, fabric8 first reads the whole pod into its typed model, just to check that the container
        // exists (the API server checks that too), and that read fails on a pod its model cannot hold (e.g.
        // containerPort: "http"). Given a pod of our own making, naming only the container, it reads nothing.
        Pod named = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(pod).endMetadata()
                .withNewSpec().addNewContainer().withName(container).endContainer().endSpec().build();
        ContainerResource target = client.pods().inNamespace(namespace).resource(named).inContainer(container);
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
            return new ExecResult(null, null, "exec failed: " + ApiErrors.describe(e));
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
