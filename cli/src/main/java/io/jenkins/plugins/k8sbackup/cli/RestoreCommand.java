package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.ops.RestoreOperation;
import io.jenkins.plugins.k8sbackup.restore.ExistingPolicy;
import io.jenkins.plugins.k8sbackup.restore.RestoreReport;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.util.Durations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup, all of it or a selection, optionally into other namespaces.")
final class RestoreCommand extends BackupSelectionCommand implements Callable<Integer> {
    @Option(names = "--existing", defaultValue = "skip", description = "skip, update, replace or fail (default: ${DEFAULT-VALUE})")
    String existing;
    @Option(names = "--dry-run", description = "plan every action without writing")
    boolean dryRun;
    @Option(names = "--concurrency", defaultValue = "8", description = "parallel writes within a step (default: ${DEFAULT-VALUE})")
    int concurrency;
    @Option(names = "--allow-partial", description = "when some selected archives are damaged, restore the types whose archives"
            + " are intact (exit 3) instead of nothing (exit 1, the default)")
    boolean allowPartial;
    @Option(names = "--wait", defaultValue = "60s", description = "how long to wait for CRDs to be Established (default: ${DEFAULT-VALUE})")
    String wait;
    @Mixin
    HookOptions hooks = new HookOptions();

    @Override
    public Integer call() throws Exception {
        RestoreSpec restoreSpec = RestoreSpec.builder(name).selection(selection())
                .existingPolicy(ExistingPolicy.parse(existing)).dryRun(dryRun).concurrency(concurrency).preserveNodePorts(preserveNodePorts)
                .waitTimeout(Durations.parse(wait)).hooks(hooks.read().restore()).allowPartial(allowPartial).transforms(transforms.spec()).build();
        ConsoleProgress progress = ConsoleProgress.of(spec);
        RestoreReport result = RestoreOperation.run(cluster.target(), storage.target(), restoreSpec, keys.key(), progress);
        if (report != null) {
            result.writeTo(report);
        }
        result.items().forEach(i -> progress.detail("  " + i));
        result.warnings().forEach(w -> spec.commandLine().getErr().println("WARNING: " + w));
        result.errors().forEach(e -> spec.commandLine().getErr().println("ERROR: " + e));
        print(result.toMap(), result.transforms().lines(), result.outcome().summary());
        return result.outcome().exitCode();
    }
}
