package io.jenkins.plugins.k8sbackup.cli;

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
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }
}
