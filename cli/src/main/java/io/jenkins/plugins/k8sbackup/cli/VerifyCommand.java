package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.ops.VerifyOperation;
import io.jenkins.plugins.k8sbackup.util.Durations;
import io.jenkins.plugins.k8sbackup.verify.VerifyCheck;
import io.jenkins.plugins.k8sbackup.verify.VerifyReport;
import io.jenkins.plugins.k8sbackup.verify.VerifySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Prove a restore: every object present and matching, workloads ready, PVCs Bound, checks passed.")
final class VerifyCommand extends BackupSelectionCommand implements Callable<Integer> {
    @Option(names = "--timeout", defaultValue = "5m", description = "how long workloads may take to become ready (default: ${DEFAULT-VALUE})")
    String timeout;
    @Option(names = "--check", description = "an API check, e.g. serviceHasEndpoints:shop/web (repeatable)")
    List<String> checks = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        VerifySpec verifySpec = VerifySpec.builder(name).selection(selection())
                .preserveNodePorts(preserveNodePorts).timeout(Durations.parse(timeout)).checks(checks.stream().map(VerifyCheck::parse).toList())
                .transforms(transforms.spec()).build();
        VerifyReport result = VerifyOperation.run(cluster.target(), storage.target(), verifySpec, keys.key(),
                ConsoleProgress.of(spec));
        if (report != null) {
            result.writeTo(report);
        }
        result.warnings().forEach(w -> spec.commandLine().getErr().println("WARNING: " + w));
        result.errors().forEach(e -> spec.commandLine().getErr().println("ERROR: " + e));
        print(result.toMap(), result.table(), result.outcome().summary());
        return result.outcome().exitCode();
    }
}
