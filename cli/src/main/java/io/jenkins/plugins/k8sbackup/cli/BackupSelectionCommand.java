package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.selection.Selection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What restore, diff and verify share: a backup, a cluster, a storage location, a key, a selection (with single objects
 * and the namespace mapping, which apply after it), a report file.
 */
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
    @Option(names = "--object", description = "one object: resource/namespace/name or resource/name (repeatable)")
    List<String> objects = new ArrayList<>();
    @Option(names = "--namespace-map",
            description = "from=to: namespace 'from' of the backup is restored as (diff, verify: compared with) 'to' (repeatable)")
    Map<String, String> namespaceMap = new LinkedHashMap<>();
    @Option(names = "--report", description = "write the JSON report to this file")
    Path report;
    @Mixin
    OutputOptions output;
    @Mixin
    TransformOptions transforms;

    /** The selection of these options, built (and checked) once. */
    Selection selection() {
        return selection.applyTo(Selection.builder()).objects(objects).namespaceMapping(namespaceMap).build();
    }

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
