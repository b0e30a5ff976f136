package io.jenkins.plugins.k8sbackup.jenkins.engine;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.diff.DiffReport;
import io.jenkins.plugins.k8sbackup.diff.DiffSpec;
import io.jenkins.plugins.k8sbackup.jenkins.util.PipelineValues;
import io.jenkins.plugins.k8sbackup.ops.DiffOperation;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.ops.RestoreOperation;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.ops.VerifyOperation;
import io.jenkins.plugins.k8sbackup.restore.ExistingPolicy;
import io.jenkins.plugins.k8sbackup.restore.RestoreReport;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import io.jenkins.plugins.k8sbackup.verify.VerifyReport;
import io.jenkins.plugins.k8sbackup.verify.VerifySpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Maps the plugin's k8sRestore / verifyRestore requests onto the engine's restore and verify operations. */
public final class EngineBridge {
    private EngineBridge() {}

    public static StepOutcome restore(KubeTarget kube, StorageTarget storage, String backupName, RestoreRequest r,
                                      Optional<EncryptionKey> key, ProgressListener progress) throws IOException, InterruptedException {
        RestoreReport report = RestoreOperation.run(kube, storage, spec(backupName, r), key, progress);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("created", report.counts().created());
        counts.put("updated", report.counts().updated());
        counts.put("replaced", report.counts().replaced());
        counts.put("skipped", report.counts().skipped());
        counts.put("failed", report.counts().failed());
        return new StepOutcome(report.status().name(), report.summaryLine(), counts, List.copyOf(report.warnings()),
                List.copyOf(report.errors()), PipelineValues.plainMap(report.toMap()));
    }

    static RestoreSpec spec(String backupName, RestoreRequest r) {
        SelectionRequest sel = r.selection();
        return RestoreSpec.builder(backupName)
                .includeNamespaces(sel.includeNamespaces())
                .excludeNamespaces(sel.excludeNamespaces())
                .includeResources(sel.includeResources())
                .excludeResources(sel.excludeResources())
                .labelSelector(sel.labelSelector())
                .objects(sel.objects())
                .namespaceMapping(sel.namespaceMapping())
                .includeClusterResources(sel.includeClusterResources())
                .existingPolicy(r.existingPolicy() == null ? null : ExistingPolicy.valueOf(r.existingPolicy().toLowerCase(Locale.ROOT)))
                .dryRun(r.dryRun())
                .preserveNodePorts(r.preserveNodePorts())
                .concurrency(r.concurrency())
                .waitTimeout(r.waitTimeout())
                .hooks(r.hooks())
                .allowPartial(r.allowPartial())
                .transforms(r.transforms())
                .build();
    }

    /**
     * pass → Completed, passed-with-warnings → PartiallyFailed, fail → Failed; the report's errors (nothing
     * compared) and failing rows are the errors.
     */
    public static StepOutcome verify(KubeTarget kube, StorageTarget storage, String backupName, VerifyRequest r,
                                     Optional<EncryptionKey> key, ProgressListener progress) throws IOException, InterruptedException {
        SelectionRequest sel = r.selection();
        VerifySpec spec = VerifySpec.builder(backupName).includeNamespaces(sel.includeNamespaces())
                .excludeNamespaces(sel.excludeNamespaces()).includeResources(sel.includeResources())
                .excludeResources(sel.excludeResources()).labelSelector(sel.labelSelector()).objects(sel.objects())
                .namespaceMapping(sel.namespaceMapping()).includeClusterResources(sel.includeClusterResources())
                .timeout(r.timeout()).transforms(r.transforms()).build();
        VerifyReport report = VerifyOperation.run(kube, storage, spec, key, progress);
        List<VerifyReport.Verdict> rows = Stream.of(report.objects(), report.readiness(), report.checks()).flatMap(List::stream).toList();
        List<String> warnings = new ArrayList<>(report.warnings());
        rows.stream().filter(v -> v.outcome() == VerifyReport.Outcome.warn).map(Object::toString).forEach(warnings::add);
        List<String> errors = new ArrayList<>(report.errors());
        rows.stream().filter(v -> v.outcome() == VerifyReport.Outcome.fail).map(Object::toString).forEach(errors::add);
        String status = switch (report.result()) {
            case pass -> "Completed";
            case passedWithWarnings -> "PartiallyFailed";
            case fail -> "Failed";
        };
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("objects", (long) report.objects().size());
        counts.put("compared", report.compared());
        counts.put("workloads", (long) report.readiness().size());
        counts.put("checks", (long) report.checks().size());
        return new StepOutcome(status, report.summaryLine(), counts, warnings, errors, PipelineValues.plainMap(report.toMap()));
    }

    /**
     * The backup against the live cluster: identical → Identical, any missing, added or changed object → Drift,
     * nothing compared or an error → Failed. The report lists the changed objects with their fields.
     */
    public static StepOutcome diff(KubeTarget kube, StorageTarget storage, String backupName, DiffRequest r,
                                   Optional<EncryptionKey> key, ProgressListener progress) throws IOException, InterruptedException {
        SelectionRequest sel = r.selection();
        DiffSpec spec = new DiffSpec(backupName, sel.includeNamespaces(), sel.excludeNamespaces(), sel.includeResources(),
                sel.excludeResources(), sel.labelSelector(), sel.objects(), sel.namespaceMapping(), sel.includeClusterResources(),
                r.preserveNodePorts(), r.transforms());
        DiffReport report = DiffOperation.run(kube, storage, spec, key, progress);
        String status = report.exitCode() == 1 ? "Failed" : report.identicalToBackup() ? "Identical" : "Drift";
        List<String> errors = new ArrayList<>(report.errors());
        if (report.compared() == 0 && errors.isEmpty()) {
            errors.add("nothing was compared: the selection matches no object of backup " + backupName);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("compared", report.compared());
        counts.put("identical", report.identical());
        counts.put("missing", (long) report.missing().size());
        counts.put("added", (long) report.added().size());
        counts.put("changed", (long) report.changed().size());
        return new StepOutcome(status, report.summaryLine(), counts, report.warnings(), errors, PipelineValues.plainMap(report.toMap()));
    }
}
