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

@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a backup (manifest first).")
final class DeleteCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", description = "backup name")
    String name;
    @Mixin
    StorageOptions storage;
    @Option(names = "--kind", defaultValue = "KUBERNETES", description = "KUBERNETES, JENKINS_HOME or ETCD")
    BackupKind kind;

    @Override
    public Integer call() throws Exception {
        try (BackupStorage s = storage.target().open()) {
            BackupCatalog catalog = new BackupCatalog(s, kind);
            if (!catalog.exists(name)) {
                throw new IllegalArgumentException("no backup named '" + name + "' at " + s.describe());
            }
            catalog.delete(name);
            spec.commandLine().getOut().println("deleted " + name);
            return Main.OK;
        }
    }
}
