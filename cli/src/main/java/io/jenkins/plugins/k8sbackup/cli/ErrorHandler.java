package io.jenkins.plugins.k8sbackup.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.kube.ApiErrors;
import picocli.CommandLine;

/** Turns failures into one clear line and the documented exit code; the stack trace only with --debug. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean usage = ex instanceof IllegalArgumentException;
        cl.getErr().println("error: " + message(ex));
        if (Main.global(cl.getCommandSpec()).debugging()) {
            ex.printStackTrace(cl.getErr());
        } else if (!usage) {
            cl.getErr().println("(run again with --debug for the stack trace)");
        }
        return usage ? Main.USAGE : Main.FAILED;
    }

    static String message(Throwable ex) {
        if (ex instanceof KubernetesClientException k) {
            return ApiErrors.describe(k); // fabric8's own message is often only "An error has occurred."
        }
        String fixed = CliRemedies.message(ex);
        if (fixed != null) {
            return fixed;
        }
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }
}
