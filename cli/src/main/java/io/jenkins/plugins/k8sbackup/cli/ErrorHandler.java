package io.jenkins.plugins.k8sbackup.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.kube.ApiErrors;
import picocli.CommandLine;

/** Turns failures into one clear line and the documented exit code, never a stack trace. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean usage = ex instanceof IllegalArgumentException;
        cl.getErr().println("error: " + message(ex));
        if (System.getenv("K8S_BACKUP_DEBUG") != null) {
            ex.printStackTrace(cl.getErr());
        }
        return usage ? Main.USAGE : Main.FAILED;
    }

    static String message(Throwable ex) {
        if (ex instanceof KubernetesClientException k) {
            return ApiErrors.describe(k); // fabric8's own message is often only "An error has occurred."
        }
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }
}
