package io.jenkins.plugins.k8sbackup.cli.jenkins;

import io.jenkins.plugins.k8sbackup.jenkinshome.BackupMode;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsBackupOptions;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsBackupResult;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeBackup;
import io.jenkins.plugins.k8sbackup.jenkinshome.SelectionSpec;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Durations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Offline JENKINS_HOME backup (Kubernetes Job, cron), no Jenkins needed. Prints the result as JSON. */
@Command(name = "jenkins-backup", mixinStandardHelpOptions = true,
        description = {"Back up a JENKINS_HOME directory: configuration, jobs, users, nodes, secrets (never master.key "
                + "in the main archive) and the plugin list.",
                "Exit codes: 0 completed, 3 completed with warnings, 1 failed, 2 usage error."})
public final class JenkinsBackupCommand implements Callable<Integer> {

    @Option(names = "--home", required = true, description = "JENKINS_HOME directory to back up.")
    Path home;

    @Option(names = "--storage", required = true, description = "Backup location: a directory, file:// or s3:// URI.")
    String storage;

    @Option(names = "--mode", defaultValue = "auto", description = "full, diff or auto (diff when a full exists; default).")
    String mode;

    @Option(names = "--name", description = "Backup name (default: jenkins-<UTC time>-<mode>).")
    String name;

    @Option(names = "--include-builds", description = "Also back up build records (jobs/**/builds/**).")
    boolean includeBuilds;

    @Option(names = "--builds-max-age", description = "Skip builds older than this, e.g. 30d.")
    String buildsMaxAge;

    @Option(names = "--builds-max-size", description = "Newest builds first, up to this much, e.g. 2g.")
    String buildsMaxSize;

    @Option(names = "--include-plugin-binaries", description = "Also back up plugins/*.jpi|*.hpi (the plugin list is always kept).")
    boolean pluginBinaries;

    @Option(names = "--include", paramLabel = "GLOB", description = "Extra glob relative to JENKINS_HOME, e.g. 'fingerprints/**'. Repeatable.")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Glob to leave out, e.g. 'jobs/**/builds/*/archive/**'. Repeatable.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--key-file", paramLabel = "FILE", description = "Encrypt archive and index with this AES-256 key (32 bytes, hex or base64).")
    Path keyFile;

    @Option(names = "--master-key-file", paramLabel = "FILE",
            description = "Store secrets/master.key as a separate object encrypted with this key (use a different key than --key-file). Without it master.key is not backed up.")
    Path masterKeyFile;

    @Option(names = "--keep-last-full", paramLabel = "N", description = "Afterwards keep only the newest N full backups and their diffs.")
    Integer keepLastFull;

    @Option(names = "--fail-fast", description = "Abort (keeping nothing) on the first unreadable file instead of warning.")
    boolean failFast;

    @Option(names = "--rehash-all", description = "Diff: re-read every file, even those whose size, mtime, ctime and inode are unchanged.")
    boolean rehashAll;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Label recorded in the manifest. Repeatable.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Override
    public Integer call() {
        return JenkinsCliSupport.guarded(System.err, () -> {
            SelectionSpec selection = new SelectionSpec(includeBuilds,
                    buildsMaxAge == null ? null : Durations.parse(buildsMaxAge),
                    JenkinsCliSupport.parseSize(buildsMaxSize), pluginBinaries, includes, excludes);
            JenkinsBackupOptions.Builder options = JenkinsBackupOptions.builder(home).name(name).mode(BackupMode.parse(mode))
                    .selection(selection).encryptionKey(JenkinsCliSupport.key(keyFile))
                    .masterKeyEncryptionKey(JenkinsCliSupport.key(masterKeyFile)).keepLastFull(keepLastFull)
                    .failFast(failFast).rehashAll(rehashAll);
            labels.forEach(options::label);
            JenkinsBackupOptions built = options.build();
            try (BackupStorage s = JenkinsCliSupport.openStorage(storage)) {
                JenkinsBackupResult result = JenkinsHomeBackup.run(built, s, System.err::println);
                result.warnings().forEach(w -> System.err.println("warning: " + w));
                JenkinsCliSupport.printJson(System.out, result);
                return result.status().exitCode();
            }
        });
    }
}
