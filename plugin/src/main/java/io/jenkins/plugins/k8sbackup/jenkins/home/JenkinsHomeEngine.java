package io.jenkins.plugins.k8sbackup.jenkins.home;

import io.jenkins.plugins.k8sbackup.jenkins.agent.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.PipelineValues;
import io.jenkins.plugins.k8sbackup.jenkinshome.BackupMode;
import io.jenkins.plugins.k8sbackup.jenkinshome.BuildActivity;
import io.jenkins.plugins.k8sbackup.jenkinshome.FileProblem;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsBackupOptions;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsBackupResult;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestoreOptions;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestorePlan;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestoreReport;
import io.jenkins.plugins.k8sbackup.jenkinshome.QuietWait;
import io.jenkins.plugins.k8sbackup.jenkinshome.SelectionSpec;
import io.jenkins.plugins.k8sbackup.ops.JenkinsHomeOperation;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs jenkinsBackup / jenkinsRestore (and the periodic backup) through the engine's {@link JenkinsHomeOperation}. It
 * runs in the controller JVM itself, because JENKINS_HOME and the executors it waits for are there; nothing is sent
 * to an agent.
 */
public final class JenkinsHomeEngine {
    private static final Duration POLL = Duration.ofSeconds(5);

    private JenkinsHomeEngine() {}

    /**
     * @param activity the controller's running builds, for the optional quiet wait
     * @param selfId   the build running the backup (its own executors are not waited for); null for none
     */
    public static StepOutcome backup(Path home, ResolvedStorage storage, JenkinsHomeRequest r, BuildActivity activity,
                                     String selfId, ProgressListener progress) throws IOException {
        return outcome(JenkinsHomeOperation.backup(backupOptions(home, r, activity, selfId), storage.target(null), progress));
    }

    static JenkinsBackupOptions backupOptions(Path home, JenkinsHomeRequest r, BuildActivity activity, String selfId) {
        JenkinsBackupOptions.Builder b = JenkinsBackupOptions.builder(home)
                .name(r.name())
                .mode(BackupMode.parse(r.mode() == null ? "auto" : r.mode()))
                .selection(new SelectionSpec(r.includeBuilds(), null, null, false, List.of(), r.excludes()))
                .encryptionKey(r.encryptionKey())
                .masterKeyEncryptionKey(r.masterKeyKey())
                .keepLastFull(r.keepLastFull());
        if (r.waitForBuilds() != null) {
            // Short waits (tests, impatient callers) poll more often than every 5 s.
            Duration poll = r.waitForBuilds().compareTo(POLL) > 0 ? POLL : Duration.ofMillis(Math.max(1, r.waitForBuilds().toMillis() / 4));
            b.quietWait(new QuietWait(activity, selfId, r.waitForBuilds(), poll, r.failIfBusy()));
        }
        r.labels().forEach(b::label);
        return b.build();
    }

    /** Preview (a plan) or restore (a report) into {@code r.restoreTarget()}, which the caller already checked. */
    public static StepOutcome restore(ResolvedStorage storage, JenkinsHomeRequest r, ProgressListener progress) throws IOException {
        StorageTarget target = storage.target(null);
        String name = r.restoreRef().resolve(JenkinsHomeOperation.backups(target), storage.describe());
        if (r.restoreRef().isLatest()) {
            progress.info("using backup " + name + " (latest matching)");
        }
        // The live-home check on .owner stays on: besides the step's own refusal of the running home, it catches
        // the home of another Jenkins still running on this machine.
        JenkinsRestoreOptions options = JenkinsRestoreOptions.builder(name, Path.of(r.restoreTarget()))
                .clean(r.clean())
                .encryptionKey(r.encryptionKey())
                .masterKeyEncryptionKey(r.masterKeyKey())
                .build();
        return r.preview() ? outcome(JenkinsHomeOperation.preview(options, target, progress))
                : outcome(JenkinsHomeOperation.restore(options, target, progress));
    }

    static StepOutcome outcome(JenkinsBackupResult r) {
        Map<String, Object> report = PipelineValues.plainMap(r.toMap());
        report.put("files", r.fileCount()); // the documented short names for pipelines
        Map<String, Long> counts = counts("files", r.fileCount(), "unchanged", r.unchangedCount(), "deleted", r.deletionCount(),
                "plugins", r.pluginCount());
        return new StepOutcome(r.outcome(), counts, List.copyOf(r.warnings()), List.of(), report);
    }

    static StepOutcome outcome(JenkinsRestorePlan p) {
        Map<String, Object> report = PipelineValues.plainMap(p.toMap());
        report.put("preview", true);
        Map<String, Long> counts = counts("create", p.create().size(), "overwrite", p.overwrite().size(), "delete",
                p.delete().size(), "unchanged", p.unchanged().size());
        return new StepOutcome(p.outcome(), counts, List.copyOf(p.warnings()), problems(p.refused()), report);
    }

    static StepOutcome outcome(JenkinsRestoreReport r) {
        Map<String, Object> report = PipelineValues.plainMap(r.toMap());
        report.put("preview", false);
        Map<String, Long> counts = counts("created", r.created(), "overwritten", r.overwritten(), "deleted", r.deleted(),
                "unchanged", r.unchanged());
        return new StepOutcome(r.outcome(), counts, List.copyOf(r.warnings()), problems(r.errors()), report);
    }

    private static List<String> problems(List<FileProblem> problems) {
        return problems.stream().map(p -> p.path() + ": " + p.message()).toList();
    }

    private static Map<String, Long> counts(Object... pairs) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return m;
    }
}
