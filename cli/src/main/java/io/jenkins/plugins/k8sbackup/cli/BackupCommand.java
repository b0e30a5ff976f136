package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy;
import io.jenkins.plugins.k8sbackup.ops.BackupOperation;
import io.jenkins.plugins.k8sbackup.util.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backup", mixinStandardHelpOptions = true, description = "Back up Kubernetes API objects.")
final class BackupCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Mixin
    ClusterOptions cluster;
    @Mixin
    StorageOptions storage;
    @Mixin
    KeyOptions keys;

    @Option(names = "--name", description = "backup name (default: backup-<UTC time>)")
    String name;
    @Mixin
    SelectionOptions selection;
    @Option(names = "--include-owned-pods",
            description = "also back up pods whose controlling owner is backed up (by default its controller recreates them)")
    boolean includeOwnedPods;
    @Option(names = "--page-size", defaultValue = "500", description = "LIST page size (default: ${DEFAULT-VALUE})")
    int pageSize;
    @Option(names = "--label", description = "label recorded in the manifest, k=v (repeatable)")
    Map<String, String> labels = new LinkedHashMap<>();
    @Option(names = "--encrypt", defaultValue = "secrets",
            description = "what to encrypt when a key is given: secrets or all (default: ${DEFAULT-VALUE})")
    BackupSpec.EncryptionMode encrypt;
    @Option(names = "--ttl", description = "this backup expires after this, e.g. 72h or 30d (recorded in its manifest);"
            + " with --ttl or --keep-last the run deletes every backup whose own expiry has passed")
    String ttl;
    @Option(names = "--keep-last", description = "keep the newest N backups of this backup's series (same cluster and"
            + " series labels), this one included; delete that series' older ones")
    Integer keepLast;
    @Option(names = "--series-label", paramLabel = "KEY", description = "label key that names the series for"
            + " --keep-last (repeatable; default: every --label)")
    List<String> seriesLabels = new ArrayList<>();
    @Option(names = "--snapshot-volumes", description = "take a CSI VolumeSnapshot of every captured PVC")
    boolean snapshotVolumes;
    @Option(names = "--volume-snapshot-class", description = "storageClass=VolumeSnapshotClass (repeatable)")
    Map<String, String> volumeSnapshotClasses = new LinkedHashMap<>();
    @Option(names = "--default-volume-snapshot-class", description = "VolumeSnapshotClass for other storage classes")
    String defaultVolumeSnapshotClass;
    @Option(names = "--snapshot-timeout", description = "how long each snapshot may take to be readyToUse, e.g. 10m")
    String snapshotTimeout;
    @Mixin
    HookOptions hooks = new HookOptions();

    @Override
    public Integer call() throws Exception {
        var key = keys.key();
        BackupSpec backupSpec = selection.applyTo(BackupSpec.builder()).name(name).includeOwnedPods(includeOwnedPods)
                .pageSize(pageSize).labels(labels)
                .encryption(key.isPresent() ? encrypt : BackupSpec.EncryptionMode.none)
                .snapshotVolumes(snapshotVolumes).volumeSnapshotClasses(volumeSnapshotClasses)
                .defaultVolumeSnapshotClass(defaultVolumeSnapshotClass)
                .snapshotTimeout(snapshotTimeout == null ? null : Durations.parse(snapshotTimeout))
                .hooks(hooks.read().backup()).build();
        RetentionPolicy retention = new RetentionPolicy(ttl == null ? null : Durations.parse(ttl), keepLast,
                seriesLabels.isEmpty() ? null : java.util.Set.copyOf(seriesLabels));
        ConsoleProgress progress = ConsoleProgress.of(spec);
        BackupResult result = BackupOperation.run(cluster.target(), storage.target(), backupSpec, retention, key, progress);
        result.warnings().forEach(w -> spec.commandLine().getErr().println("WARNING: " + w));
        result.errors().forEach(e -> spec.commandLine().getErr().println("ERROR: " + e));
        spec.commandLine().getOut().println(result.outcome().summary());
        return result.outcome().exitCode();
    }
}
