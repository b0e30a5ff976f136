package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.PrintWriter;

/** Progress on the terminal (stderr, so stdout stays clean for --output json). Quiet mode keeps warnings only. */
final class ConsoleProgress implements ProgressListener {
    private final PrintWriter err;
    private final boolean quiet;

    ConsoleProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void info(String message) {
        if (!quiet) {
            err.println(message);
            err.flush();
        }
    }

    @Override
    public void warn(String message) {
        err.println("WARNING: " + message);
        err.flush();
    }
}
