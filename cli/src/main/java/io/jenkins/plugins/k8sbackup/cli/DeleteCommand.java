package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Deletes a backup, complete or left by a killed run. Exit 1 when nothing has the name, or while another run
 * writes, restores from or deletes it (its lease is live).
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a backup (manifest first), or what a killed run left under its name.",
                "Refused (exit 1) while a run writes, reads or deletes it, and for a name with nothing stored."})
final class DeleteCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", description = "backup name")
    String name;
    @Mixin
    StorageOptions storage;
    @Option(names = "--kind", defaultValue = "kubernetes", description = "kubernetes, jenkins or etcd (default: ${DEFAULT-VALUE})")
    BackupKind kind;
    @Option(names = {"-y", "--yes"}, description = "delete without asking (needed when standard input is not a terminal)")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        BackupCatalog.checkName(name);
        try (BackupStorage s = storage.target().openExisting()) {
            BackupCatalog catalog = new BackupCatalog(s, kind);
            if (!yes && catalog.exists(name) && !Confirmation.ask(spec, "delete " + kind.name().toLowerCase(java.util.Locale.ROOT) + " backup '" + name
                    + "' at " + s.describe() + " (" + catalog.summarise(name).status() + ")?")) {
                spec.commandLine().getErr().println("not deleted");
                return Main.FAILED;
            }
            catalog.delete(name);
            spec.commandLine().getOut().println("deleted " + name);
            return Main.OK;
        }
    }
}
