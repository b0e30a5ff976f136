package io.jenkins.plugins.k8sbackup.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What restore, diff and verify share: a backup, a cluster, a storage location, a key, a selection, a report file. */
abstract class BackupSelectionCommand {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", description = "backup name")
    String name;
    @Mixin
    ClusterOptions cluster;
    @Mixin
    StorageOptions storage;
    @Mixin
    KeyOptions keys;
    @Mixin
    SelectionOptions selection;
    @Option(names = "--report", description = "write the JSON report to this file")
    Path report;
    @Mixin
    OutputOptions output;
    @Mixin
    TransformOptions transforms;

    /** The report as -o asks: the whole document as JSON or YAML, else the text lines and the summary line. */
    void print(Object result, java.util.List<String> lines, String summary) throws java.io.IOException {
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (!output.printStructured(out, result)) {
            lines.forEach(out::println);
            out.println(summary);
        }
    }
    @Option(names = "--preserve-node-ports",
            description = "restore: keep Services' nodePorts; diff, verify: the restore kept them, so compare them "
                    + "(otherwise a differing nodePort is a note)")
    boolean preserveNodePorts;
}
