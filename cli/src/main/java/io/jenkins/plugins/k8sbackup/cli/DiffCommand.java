package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.diff.DiffReport;
import io.jenkins.plugins.k8sbackup.diff.DiffSpec;
import io.jenkins.plugins.k8sbackup.ops.DiffOperation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare a backup with the live cluster: missing, added and changed objects, field by field.")
final class DiffCommand extends BackupSelectionCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        DiffSpec diffSpec = new DiffSpec(name, selection(), preserveNodePorts, transforms.spec());
        DiffReport result = DiffOperation.run(cluster.target(), storage.target(), diffSpec, keys.key(),
                ConsoleProgress.of(spec));
        if (report != null) {
            result.writeTo(report);
        }
        print(result.toMap(), result.lines(), result.outcome().summary());
        return result.outcome().exitCode();
    }
}
