package io.jenkins.plugins.k8sbackup.cli.jenkins;

import io.jenkins.plugins.k8sbackup.cli.ConsoleProgress;
import io.jenkins.plugins.k8sbackup.cli.KeyOptions;
import io.jenkins.plugins.k8sbackup.cli.OutputOptions;
import io.jenkins.plugins.k8sbackup.cli.StorageOptions;
import io.jenkins.plugins.k8sbackup.jenkinshome.BackupMode;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsBackupOptions;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsBackupResult;
import io.jenkins.plugins.k8sbackup.jenkinshome.SelectionSpec;
import io.jenkins.plugins.k8sbackup.ops.JenkinsHomeOperation;
import io.jenkins.plugins.k8sbackup.util.Durations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Offline JENKINS_HOME backup (Kubernetes Job, cron), no Jenkins needed. */
@Command(name = "jenkins-backup", mixinStandardHelpOptions = true,
        description = "Back up a JENKINS_HOME directory: configuration, jobs, users, nodes, secrets (never master.key "
                + "in the main archive) and the plugin list.")
public final class JenkinsBackupCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--home", required = true, description = "JENKINS_HOME directory to back up.")
    Path home;

    @Mixin
    StorageOptions storage;

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

    @Mixin
    KeyOptions keys;

    @Option(names = "--master-key-file", paramLabel = "FILE",
            description = "Store secrets/master.key as a separate object encrypted with this key (use a different key than --encryption-key-file). Without it master.key is not backed up.")
    Path masterKeyFile;

    @Option(names = "--keep-last-full", paramLabel = "N", description = "Afterwards keep only the newest N full backups and their diffs.")
    Integer keepLastFull;

    @Option(names = "--fail-fast", description = "Abort (keeping nothing) on the first unreadable file instead of warning.")
    boolean failFast;

    @Option(names = "--rehash-all", description = "Diff: re-read every file, even those whose size, mtime, ctime and inode are unchanged.")
    boolean rehashAll;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Label recorded in the manifest. Repeatable.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        SelectionSpec selection = new SelectionSpec(includeBuilds,
                buildsMaxAge == null ? null : Durations.parse(buildsMaxAge),
                JenkinsCliSupport.parseSize(buildsMaxSize), pluginBinaries, includes, excludes);
        JenkinsBackupOptions.Builder options = JenkinsBackupOptions.builder(home).name(name).mode(BackupMode.parse(mode))
                .selection(selection).encryptionKey(keys.key().orElse(null))
                .masterKeyEncryptionKey(JenkinsCliSupport.key(masterKeyFile)).keepLastFull(keepLastFull)
                .failFast(failFast).rehashAll(rehashAll);
        labels.forEach(options::label);
        JenkinsBackupOptions built = options.build();
        JenkinsBackupResult result = JenkinsHomeOperation.backup(built, storage.target(), ConsoleProgress.of(spec));
        JenkinsCliSupport.print(spec, output, result, JenkinsText.backup(result));
        return result.outcome().exitCode();
    }
}
