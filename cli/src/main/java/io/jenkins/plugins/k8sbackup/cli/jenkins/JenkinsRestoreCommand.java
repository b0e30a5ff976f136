package io.jenkins.plugins.k8sbackup.cli.jenkins;

import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeRestore;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestoreOptions;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestorePlan;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestoreReport;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Restores a JENKINS_HOME backup into a directory (a staging dir, or the home of a stopped Jenkins). */
@Command(name = "jenkins-restore", mixinStandardHelpOptions = true,
        description = {"Restore a JENKINS_HOME backup (a diff brings its full) into a directory and write plugins.txt "
                + "for jenkins-plugin-cli. Refuses a target whose .owner shows a running Jenkins.",
                "Exit codes: 0 completed, 3 some paths refused (unsafe, or a symbolic link in the target), 1 failed "
                        + "(a damaged backup is refused with nothing written), 2 usage error."})
public final class JenkinsRestoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Backup to restore.")
    String name;

    @Option(names = "--storage", required = true, description = "Backup location: a directory, file:// or s3:// URI.")
    String storage;

    @Option(names = "--target", required = true, description = "Directory to restore into.")
    Path target;

    @Option(names = "--preview", description = "Only list what would be created, overwritten, deleted and left unchanged.")
    boolean preview;

    @Option(names = "--clean", description = "Also delete files missing from the backup, within the backed-up scope only.")
    boolean clean;

    @Option(names = "--key-file", paramLabel = "FILE", description = "Key of an encrypted backup.")
    Path keyFile;

    @Option(names = "--master-key-file", paramLabel = "FILE", description = "Key of the separately stored master.key; restores secrets/master.key.")
    Path masterKeyFile;

    @Option(names = "--plugins-txt", paramLabel = "FILE", description = "Where to write the plugin list (default: TARGET/plugins.txt).")
    Path pluginsTxt;

    @Option(names = "--skip-live-check", description = "Restore even if TARGET/.owner was written recently (only when Jenkins is surely stopped).")
    boolean skipLiveCheck;

    @Override
    public Integer call() {
        return JenkinsCliSupport.guarded(System.err, () -> {
            JenkinsRestoreOptions options = JenkinsRestoreOptions.builder(name, target).clean(clean)
                    .encryptionKey(JenkinsCliSupport.key(keyFile)).masterKeyEncryptionKey(JenkinsCliSupport.key(masterKeyFile))
                    .pluginsTxt(pluginsTxt).refuseIfRunning(!skipLiveCheck).build();
            try (BackupStorage s = JenkinsCliSupport.openStorage(storage)) {
                if (preview) {
                    JenkinsRestorePlan plan = JenkinsHomeRestore.preview(options, s, System.err::println);
                    JenkinsCliSupport.printJson(System.out, plan);
                    return plan.refused().isEmpty() ? 0 : 3;
                }
                JenkinsRestoreReport report = JenkinsHomeRestore.restore(options, s, System.err::println);
                report.errors().forEach(e -> System.err.println("error: " + e.path() + ": " + e.message()));
                JenkinsCliSupport.printJson(System.out, report);
                return report.status().exitCode();
            }
        });
    }
}
