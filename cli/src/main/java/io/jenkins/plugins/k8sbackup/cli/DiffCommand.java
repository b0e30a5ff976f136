package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.diff.DiffReport;
import io.jenkins.plugins.k8sbackup.diff.DiffSpec;
import io.jenkins.plugins.k8sbackup.ops.DiffOperation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare a backup with the live cluster: missing, added and changed objects, field by field.")
final class DiffCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws Exception {
        DiffSpec diffSpec = new DiffSpec(name, selection.includeNamespaces, selection.excludeNamespaces,
                selection.includeResources, selection.excludeResources, selection.selector, selection.objects,
                selection.namespaceMap, selection.includeClusterResources);
        DiffReport result = DiffOperation.run(cluster.target(), storage.target(), diffSpec, keys.key(),
                new ConsoleProgress(spec.commandLine().getErr(), true));
        if (report != null) {
            result.writeTo(report);
        }
        result.lines().forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().println(result.summaryLine());
        return result.exitCode();
    }
}
