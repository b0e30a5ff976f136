package io.jenkins.plugins.k8sbackup.cli.etcd;

import io.jenkins.plugins.k8sbackup.cli.OutputOptions;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What the etcd commands share: one error path (a bad argument is a usage error, exit 2; any other failure is one
 * line "COMMAND failed: why" and exit 1) and output as text, JSON or YAML (-o).
 */
final class EtcdCommands {
    private EtcdCommands() {}

    /** The body of a command, returning its exit code. */
    interface Body {
        int run() throws IOException;
    }

    static int guarded(CommandSpec spec, Body body) {
        try {
            return body.run();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (IOException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.name() + " failed: " + e.getMessage());
            err.flush();
            return RunStatus.Failed.exitCode();
        }
    }

    static void print(PrintWriter out, OutputOptions output, Object result, Consumer<PrintWriter> text) throws IOException {
        if (!output.printStructured(out, result)) {
            text.accept(out);
        }
        out.flush();
    }
}
