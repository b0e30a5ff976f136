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
    @Option(names = "--kind", defaultValue = "kubernetes", description = "kubernetes, jenkins or etcd (default: ${DEFAULT-VALUE})")
    BackupKind kind;
    @Option(names = {"-l", "--selector"}, description = "only backups whose labels match, e.g. job=deploy-shop,env!=test")
    String selector;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        try (BackupStorage s = storage.target().openExisting()) {
            List<BackupSummary> backups = BackupLabels.matching(new BackupCatalog(s, kind).list(), selector);
            PrintWriter out = spec.commandLine().getOut();
            boolean verbose = ConsoleProgress.of(spec).verbose();
            if (output.printStructured(out, backups)) {
                return Main.OK;
            }
            out.printf("%-32s %-20s %-16s %10s %10s %-20s %-12s %-20s %-32s %s%n", "NAME", "STARTED", "STATUS", "OBJECTS",
                    "SIZE", "EXPIRES", "KIND", "ENCRYPTION", "LABELS", "ACTIVITY");
            for (BackupSummary b : backups) {
                out.printf("%-32s %-20s %-16s %10d %10s %-20s %-12s %-20s %-32s %s%n", b.name(), time(b.startTime()), b.status(),
                        b.objectCount(), Bytes.human(b.totalBytes()), b.expiresAt() == null ? "never" : time(b.expiresAt()),
                        b.kind().name().toLowerCase(java.util.Locale.ROOT), b.encryption().text(),
                        BackupLabels.text(b.labels()), b.activity());
                if (verbose) {
                    b.leases().forEach(l -> out.println("    lease " + l.describe()));
                }
            }
            out.println(backups.size() + " backups at " + s.describe() + (selector == null ? "" : " matching " + selector));
            return Main.OK;
        }
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }
}
