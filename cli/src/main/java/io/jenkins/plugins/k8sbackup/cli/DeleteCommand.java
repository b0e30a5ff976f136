package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupInUseException;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.catalog.NoSuchBackupException;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Deletes backups by name or by label selector, complete or left by a killed run, after a preview and a question.
 * A backup another run writes, restores from or deletes (its lease is live) is refused and reported, never skipped
 * in silence: exit 1 when nothing was deleted, 3 when some of the selection was not.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete backups (manifest first), or what a killed run left under their names: by name, or every"
                + " backup whose labels match -l, after a preview.",
                "A backup in use by another run is refused and reported (exit 1 when nothing was deleted, 3 when some"
                        + " of the selection was not); a name with nothing stored exits 1."})
final class DeleteCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "backup names (or give -l)")
    List<String> names = new ArrayList<>();
    @Option(names = {"-l", "--selector"}, description = "delete every backup whose labels match, e.g. job=deploy-shop,env!=prod")
    String selector;
    @Mixin
    StorageOptions storage;
    @Option(names = "--kind", defaultValue = "kubernetes", description = "kubernetes, jenkins or etcd (default: ${DEFAULT-VALUE})")
    BackupKind kind;
    @Option(names = {"-y", "--yes"}, description = "delete without asking (needed when standard input is not a terminal)")
    boolean yes;
    @Option(names = "--dry-run", description = "print what would be deleted, delete nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (names.isEmpty() == (selector == null)) {
            throw new IllegalArgumentException("give backup names or -l SELECTOR (one of the two)");
        }
        names.forEach(BackupCatalog::checkName);
        PrintWriter out = spec.commandLine().getOut();
        ConsoleProgress progress = ConsoleProgress.of(spec);
        try (BackupStorage s = storage.target().openExisting()) {
            BackupCatalog catalog = new BackupCatalog(s, kind);
            List<BackupSummary> doomed = selected(catalog);
            String what = kindWord() + " backup" + (doomed.size() == 1 ? "" : "s");
            if (doomed.isEmpty()) {
                out.println("no " + kindWord() + " backups at " + s.describe() + " match " + selector + ": nothing to delete");
                return Main.OK;
            }
            if (dryRun || !(yes && Main.global(spec).quiet)) {
                preview(out, doomed);
            }
            if (dryRun) {
                out.println("dry run: " + doomed.size() + " " + what + " would be deleted, nothing was");
                return Main.OK;
            }
            if (!yes && !Confirmation.ask(spec, "delete " + (doomed.size() == 1 ? "" : doomed.size() + " ") + what
                    + (doomed.size() == 1 ? " '" + doomed.get(0).name() + "'" : "") + " at " + s.describe() + "?")) {
                spec.commandLine().getErr().println("not deleted");
                return Main.FAILED;
            }
            return deleteAll(catalog, doomed, out, progress);
        }
    }

    /** The backups named (each must exist) or matching the selector. */
    private List<BackupSummary> selected(BackupCatalog catalog) throws java.io.IOException {
        if (selector != null) {
            return BackupLabels.matching(catalog.list(), selector);
        }
        List<BackupSummary> out = new ArrayList<>();
        for (String name : names) {
            if (!catalog.exists(name)) {
                throw new NoSuchBackupException("no backup named '" + name + "' at " + catalog.storage().describe());
            }
            out.add(catalog.summarise(name));
        }
        return out;
    }

    private void preview(PrintWriter out, List<BackupSummary> doomed) {
        out.printf("%-32s %-16s %-20s %-32s %s%n", "NAME", "STATUS", "STARTED", "LABELS", "IN USE");
        for (BackupSummary b : doomed) {
            out.printf("%-32s %-16s %-20s %-32s %s%n", b.name(), b.status(), b.startTime() == null ? "-" : b.startTime(),
                    BackupLabels.text(b.labels()), inUse(b) ? "yes, will be refused: " + b.activity() : "-");
        }
        out.flush();
    }

    private static boolean inUse(BackupSummary b) {
        return b.leases().stream().anyMatch(l -> l.live());
    }

    /** Deletes each; one refused (in use) or gone meanwhile is reported and the rest goes on. */
    private int deleteAll(BackupCatalog catalog, List<BackupSummary> doomed, PrintWriter out, ConsoleProgress progress)
            throws java.io.IOException {
        PrintWriter err = spec.commandLine().getErr();
        int deleted = 0;
        for (BackupSummary b : doomed) {
            try {
                catalog.delete(b.name());
                deleted++;
                out.println("deleted " + b.name());
                progress.detail("  " + b.name() + ": " + b.status() + ", " + b.objectCount() + " objects, labels "
                        + BackupLabels.text(b.labels()));
            } catch (BackupInUseException | NoSuchBackupException refused) {
                err.println("NOT DELETED: " + ErrorHandler.message(refused));
            }
        }
        out.flush();
        int notDeleted = doomed.size() - deleted;
        if (notDeleted > 0) {
            err.println(notDeleted + " of " + doomed.size() + " " + kindWord() + " backups not deleted (see above)");
            err.flush();
            return deleted == 0 ? Main.FAILED : Main.PARTIAL;
        }
        return Main.OK;
    }

    private String kindWord() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
