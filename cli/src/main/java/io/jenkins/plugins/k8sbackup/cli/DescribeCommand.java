package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.archive.BackupIntegrityCheck;
import io.jenkins.plugins.k8sbackup.archive.IntegrityReport;
import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Bytes;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show a backup's manifest: counts and API version per type, what rules skipped, degradations,"
                + " warnings and errors. With --verify, also check everything stored for it (exit 0 intact, 1 damaged).")
final class DescribeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", description = "backup name")
    String name;
    @Mixin
    StorageOptions storage;
    @Mixin
    KeyOptions keys;
    @Mixin
    OutputOptions output;
    @Option(names = "--verify", description = "read and check every stored file of the backup: the manifest's MAC (with the"
            + " key), the index, every archive and entry (SHA-256, sizes, decryption with the key), every hook artifact")
    boolean verify;

    @Override
    public Integer call() throws Exception {
        try (BackupStorage s = storage.target().open()) {
            BackupManifest m = new BackupCatalog(s, BackupKind.KUBERNETES).requireManifest(name, BackupManifest.class);
            PrintWriter out = spec.commandLine().getOut();
            IntegrityReport integrity = verify
                    ? BackupIntegrityCheck.checkAll(s, name, keys.key(), ConsoleProgress.of(spec))
                    : null;
            int exitCode = integrity == null ? m.status().exitCode() : integrity.intact() ? Main.OK : Main.FAILED;
            if (output.structured()) {
                if (integrity == null) {
                    output.printStructured(out, m);
                } else {
                    Map<String, Object> both = new LinkedHashMap<>();
                    both.put("manifest", m);
                    both.put("integrity", integrity);
                    output.printStructured(out, both);
                }
                return exitCode;
            }
            out.printf("Name:      %s%nStatus:    %s%nStarted:   %s%nFinished:  %s%nCluster:   %s (%s, kube-system uid %s)%n",
                    m.name(), m.status(), m.startTime(), m.endTime(), m.cluster().server(), m.cluster().serverVersion(),
                    m.cluster().kubeSystemUid());
            out.printf("Objects:   %d in %d types, %s stored%n", m.objectCount(), m.types().size(), Bytes.human(m.totalBytes()));
            if (m.hasEncryptedObjects()) {
                out.printf("Encrypted: %d objects (%s), key fingerprint %s%n", m.encryption().encryptedObjects(),
                        m.encryption().mode(), m.encryption().keyFingerprint());
            }
            if (!m.labels().isEmpty()) {
                out.println("Labels:    " + m.labels());
            }
            out.println();
            out.printf("  %-52s %-28s %8s %10s%n", "RESOURCE", "API VERSION", "OBJECTS", "ARCHIVE");
            for (BackupManifest.TypeSummary t : m.types()) {
                out.printf("  %-52s %-28s %8d %10s%n", t.resource(), t.apiVersion(), t.count(), Bytes.human(t.archiveBytes()));
            }
            if (!m.skipped().isEmpty()) {
                out.println();
                out.println("Skipped by rule:");
                for (BackupManifest.Skipped skip : m.skipped()) {
                    out.printf("  %-52s %8s  %s%n", skip.resource(), skip.count() == null ? "all" : skip.count(), skip.reason());
                }
            }
            if (!m.degradations().isEmpty()) {
                out.println();
                out.println("Degradations:");
                m.degradations().forEach(d -> out.println("  " + d));
            }
            m.warnings().forEach(w -> out.println("WARNING: " + w));
            m.errors().forEach(e -> out.println("ERROR: " + e));
            if (integrity != null) {
                out.println();
                out.println("Integrity: " + (integrity.intact() ? "intact" : "DAMAGED") + " (" + integrity.archivesChecked()
                        + " archives, " + integrity.objectsChecked() + " objects, " + Bytes.human(integrity.bytesChecked())
                        + " read; manifest " + integrity.authentication() + ")");
                integrity.problems().forEach(p -> out.println("DAMAGED: " + p));
                integrity.warnings().forEach(w -> out.println("NOTE: " + w));
            }
            return exitCode;
        }
    }
}
