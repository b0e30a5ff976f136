package io.jenkins.plugins.k8sbackup.jenkins.home;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.agent.StepOutcome;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The optional periodic JENKINS_HOME backup (Manage Jenkins » System » Kubernetes backup » Periodic JENKINS_HOME
 * backup): checked every minute against the full and differential cron schedules, run as SYSTEM (no build runs it)
 * into the administrator's {@link JenkinsHomeDestination} with its keys and retention. The last result is kept in JENKINS_HOME and shown on {@link JenkinsBackupLink}.
 */
@Extension
public class PeriodicJenkinsBackup extends AsyncPeriodicWork {
    private static final Logger LOGGER = Logger.getLogger(PeriodicJenkinsBackup.class.getName());
    static final String RESULT_FILE = "io.jenkins.plugins.k8sbackup.last-scheduled-backup.json";
    private static final String PURPOSE = "periodic JENKINS_HOME backup";

    private long checkedUntil = System.currentTimeMillis();
    private volatile ScheduledBackupResult last;

    public PeriodicJenkinsBackup() {
        super("Periodic JENKINS_HOME backup");
    }

    public static PeriodicJenkinsBackup get() {
        return ExtensionList.lookupSingleton(PeriodicJenkinsBackup.class);
    }

    @Override
    public long getRecurrencePeriod() {
        return MIN;
    }

    @Override
    protected void execute(TaskListener listener) throws IOException, InterruptedException {
        K8sBackupConfiguration config = K8sBackupConfiguration.get();
        long now = System.currentTimeMillis();
        Optional<String> due = dueMode(config, checkedUntil, now);
        checkedUntil = now + 1;
        if (due.isPresent()) {
            runNow(due.get(), listener);
        }
    }

    /** The mode due in [from, now], or empty (also when a schedule is invalid: the configuration page reports that). */
    static Optional<String> dueMode(K8sBackupConfiguration config, long from, long now) {
        try {
            BackupSchedule schedule = BackupSchedule.of(config.getFullBackupSchedule(), config.getDiffBackupSchedule());
            return schedule.isEmpty() ? Optional.empty() : schedule.due(from, now);
        } catch (RuntimeException invalid) {
            LOGGER.log(Level.WARNING, "invalid JENKINS_HOME backup schedule: {0}", invalid.getMessage());
            return Optional.empty();
        }
    }

    /** Runs one periodic backup now; never throws: a failure is the recorded result. */
    public ScheduledBackupResult runNow(String mode, TaskListener listener) {
        ScheduledBackupResult result;
        try {
            StepOutcome out = backup(mode, listener);
            result = new ScheduledBackupResult(Instant.now(), String.valueOf(out.report().getOrDefault("mode", mode)),
                    out.status().name(), String.valueOf(out.report().get("name")), out.summary(), out.warnings());
        } catch (IOException | RuntimeException e) {
            result = new ScheduledBackupResult(Instant.now(), mode, RunStatus.Failed.name(), null, String.valueOf(e.getMessage()), List.of());
        }
        listener.getLogger().println("[" + PURPOSE + "] " + result.status() + ": " + result.summary());
        record(result);
        return result;
    }

    private StepOutcome backup(String mode, TaskListener listener) throws IOException {
        JenkinsHomeDestination destination = JenkinsHomeDestination.resolve(PURPOSE);
        JenkinsHomeRequest request = JenkinsHomeRequest.backup(null, mode, false, List.of(), destination.keepLastFull(),
                Map.of("trigger", "schedule"), destination.encryptionKey(), destination.masterKeyKey(), null, false);
        return JenkinsHomeEngine.backup(Jenkins.get().getRootDir().toPath(), destination.storage(), request,
                new ExecutorBuildActivity(), null,
                message -> listener.getLogger().println("[" + PURPOSE + "] " + destination.masker().mask(message)));
    }

    /** The last result, also after a restart; null when no periodic backup ran yet. */
    public ScheduledBackupResult getLastResult() {
        ScheduledBackupResult r = last;
        if (r == null) {
            File f = resultFile();
            if (f.isFile()) {
                try {
                    r = Json.MAPPER.readValue(f, ScheduledBackupResult.class);
                    last = r;
                } catch (IOException unreadable) {
                    LOGGER.log(Level.WARNING, "cannot read " + f, unreadable);
                }
            }
        }
        return r;
    }

    private void record(ScheduledBackupResult result) {
        last = result;
        Path file = resultFile().toPath();
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.PRETTY.writeValue(tmp.toFile(), result);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot store the result of the " + PURPOSE, e);
        }
    }

    private static File resultFile() {
        return new File(Jenkins.get().getRootDir(), RESULT_FILE);
    }
}
