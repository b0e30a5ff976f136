package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.cluster.ClusterConnection;
import io.jenkins.plugins.k8sbackup.jenkins.cluster.ClusterOptions;
import io.jenkins.plugins.k8sbackup.jenkins.cluster.ClusterResolver;
import io.jenkins.plugins.k8sbackup.jenkins.credentials.CredentialResolver;
import io.jenkins.plugins.k8sbackup.jenkins.agent.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.report.BackupReportAction;
import io.jenkins.plugins.k8sbackup.jenkins.report.ReportEntry;
import io.jenkins.plugins.k8sbackup.jenkins.storage.BackupLocation;
import io.jenkins.plugins.k8sbackup.jenkins.storage.LocationContext;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.Failures;
import io.jenkins.plugins.k8sbackup.jenkins.util.LogProgress;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Everything one step execution needs on the controller: the build, its log, workspace and environment, and
 * the credentials it resolved (whose secret values the log masks). Never sent to an agent.
 */
final class StepRun {
    final String stepName;
    final Run<?, ?> run;
    final TaskListener listener;
    final FilePath workspace;
    final EnvVars env;
    final CredentialResolver credentials;

    /** The computer of the enclosing {@code node} block, or null outside one. */
    final Computer computer;

    private StepRun(String stepName, Run<?, ?> run, TaskListener listener, FilePath workspace, EnvVars env, Computer computer) {
        this.stepName = stepName;
        this.run = run;
        this.listener = listener;
        this.workspace = workspace;
        this.env = env == null ? new EnvVars() : env;
        this.computer = computer;
        this.credentials = new CredentialResolver(run, stepName);
    }

    static StepRun of(StepContext context, String stepName) throws IOException, InterruptedException {
        return new StepRun(stepName, context.get(Run.class), context.get(TaskListener.class), context.get(FilePath.class),
                context.get(EnvVars.class), context.get(Computer.class));
    }

    void log(String message) {
        listener.getLogger().println("[" + stepName + "] " + credentials.masker().mask(message));
    }

    /** Build after every credential was resolved: masks all their secrets. */
    LogProgress progress() {
        return new LogProgress(listener, credentials.masker(), stepName);
    }

    ResolvedStorage storage(BackupLocation location) throws AbortException {
        if (location == null) {
            throw new AbortException(stepName + ": storage is required, e.g. storage: s3(bucket: 'backups'), "
                    + "directory(path: 'backups') or location('name')");
        }
        ResolvedStorage storage = location.resolve(new LocationContext(credentials, workspace, false)).withEnvironment(env);
        if (storage.usesAmbientCredentials()) {
            ControllerIdentity.refuseOnBuiltInNode(this, "S3 storage " + storage.describe(),
                    "the controller's AWS identity (environment, profile, instance role or IRSA)", "credentialsId in s3(...)");
        }
        return storage;
    }

    ClusterConnection cluster(ClusterOptions options) throws AbortException {
        ClusterConnection connection = ClusterResolver.resolve(options, credentials, this::log).withEnvironment(env);
        if (connection.usesAgentDefault()) {
            ControllerIdentity.refuseOnBuiltInNode(this, "the cluster", "the controller's own kubeconfig or service account",
                    "credentialsId");
        }
        return connection;
    }

    Optional<EncryptionKey> encryptionKey(String credentialsId) throws AbortException {
        return credentials.encryptionKey(credentialsId);
    }

    FilePath requireWorkspace() throws AbortException {
        if (workspace == null) {
            throw new AbortException(stepName + " must run inside node { ... }");
        }
        return workspace;
    }

    /** JOB_NAME, BUILD_NUMBER, BUILD_URL and GIT_COMMIT (when known), then the user's labels on top. */
    Map<String, String> labels(Map<String, String> userLabels) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("JOB_NAME", env.get("JOB_NAME", run.getParent().getFullName()));
        labels.put("BUILD_NUMBER", env.get("BUILD_NUMBER", String.valueOf(run.getNumber())));
        putIfKnown(labels, "BUILD_URL", env.get("BUILD_URL"));
        putIfKnown(labels, "GIT_COMMIT", env.get("GIT_COMMIT"));
        if (userLabels != null) {
            userLabels.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        }
        return labels;
    }

    private static void putIfKnown(Map<String, String> labels, String key, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(key, value);
        }
    }

    void report(ReportEntry entry, Map<String, Object> json) {
        try {
            BackupReportAction.record(run, entry, json);
        } catch (IOException e) {
            // The step's outcome matters more than its report page; say so and carry on.
            log("WARNING: could not store the report with the build: " + e.getMessage());
        }
    }

    /**
     * The common end of a step that ran the engine: logs its summary, records the report on the build under
     * {@code title}, then lets {@code partial} map the outcome to the build result (or fail the step).
     */
    Map<String, Object> finish(StepOutcome out, String title, PartialFailure partial) throws AbortException {
        log(out.summary());
        report(entry(title, out.status().name(), out), out.report());
        partial.apply(out.outcome(), run, stepName);
        return out.report();
    }

    ReportEntry entry(String title, String status, StepOutcome out) {
        return new ReportEntry(stepName, title, status, out.summary(), out.counts(), out.warnings(), out.errors());
    }

    AbortException abort(Throwable e) {
        return Failures.abort(stepName, e, credentials.masker());
    }
}
