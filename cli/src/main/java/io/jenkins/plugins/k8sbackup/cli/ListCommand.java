package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Bytes;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the backups at a storage location.")
final class ListCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Mixin
    StorageOptions storage;
    @Option(names = "--kind", defaultValue = "KUBERNETES", description = "KUBERNETES, JENKINS_HOME or ETCD (default: ${DEFAULT-VALUE})")
    BackupKind kind;
    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json")
    String output;

    @Override
    public Integer call() throws Exception {
        try (BackupStorage s = storage.target().open()) {
            List<BackupSummary> backups = new BackupCatalog(s, kind).list();
            PrintWriter out = spec.commandLine().getOut();
            if (output.equals("json")) {
                out.println(Json.PRETTY.writeValueAsString(backups));
                return Main.OK;
            }
            out.printf("%-32s %-20s %-16s %10s %10s%n", "NAME", "STARTED", "STATUS", "OBJECTS", "SIZE");
            for (BackupSummary b : backups) {
                out.printf("%-32s %-20s %-16s %10d %10s%n", b.name(),
                        b.startTime() == null ? "-" : b.startTime().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                        b.status(), b.objectCount(), Bytes.human(b.totalBytes()));
            }
            out.println(backups.size() + " backups at " + s.describe());
            return Main.OK;
        }
    }
}
