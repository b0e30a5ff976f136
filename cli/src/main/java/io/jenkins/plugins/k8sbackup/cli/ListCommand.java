package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Bytes;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists every backup at a location, with its expiry and what runs are doing with it; a missing location is an error. */
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
        try (BackupStorage s = storage.target().openExisting()) {
            List<BackupSummary> backups = new BackupCatalog(s, kind).list();
            PrintWriter out = spec.commandLine().getOut();
            if (output.equals("json")) {
                out.println(Json.PRETTY.writeValueAsString(backups));
                return Main.OK;
            }
            out.printf("%-32s %-20s %-16s %10s %10s %-20s %s%n", "NAME", "STARTED", "STATUS", "OBJECTS", "SIZE", "EXPIRES", "ACTIVITY");
            for (BackupSummary b : backups) {
                out.printf("%-32s %-20s %-16s %10d %10s %-20s %s%n", b.name(), time(b.startTime()), b.status(),
                        b.objectCount(), Bytes.human(b.totalBytes()), b.expiresAt() == null ? "never" : time(b.expiresAt()),
                        b.activity());
            }
            out.println(backups.size() + " backups at " + s.describe());
            return Main.OK;
        }
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }
}
