package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Progress on the terminal (stderr, so stdout stays clean for -o json): --quiet keeps warnings only, --verbose adds
 * the per-object and detail lines a command has ({@link #detail}).
 */
public final class ConsoleProgress implements ProgressListener {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean verbose;

    ConsoleProgress(PrintWriter err, boolean quiet, boolean verbose) {
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose && !quiet;
    }

    /** Progress as the global --quiet / --verbose ask for it. */
    public static ConsoleProgress of(CommandSpec spec) {
        return of(spec, false);
    }

    /** For commands whose own output tells the story (demo): progress only with --verbose. */
    public static ConsoleProgress of(CommandSpec spec, boolean quietUnlessVerbose) {
        Main global = Main.global(spec);
        boolean quiet = global.quiet || (quietUnlessVerbose && !global.verbose);
        return new ConsoleProgress(spec.commandLine().getErr(), quiet, global.verbose);
    }

    /** A per-object or detail line, printed with --verbose only. */
    public void detail(String message) {
        if (verbose) {
            err.println(message);
            err.flush();
        }
    }

    public boolean verbose() {
        return verbose;
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
