package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.outcome.Outcome;
import io.jenkins.plugins.k8sbackup.outcome.RunResult;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import io.jenkins.plugins.k8sbackup.transform.TransformSummary;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a restore did, or in a dry-run what it would do, object by object. Serialised as JSON with
 * {@link Json#PRETTY} ({@link #writeTo}); {@link #toMap()} is what a pipeline step returns.
 * Counts: created, updated, replaced, skipped (identical, differing, present dependencies, by rule), failed.
 * {@code transforms}: what each transform rule changed, object by object (the preview of a dry-run).
 */
public record RestoreReport(
        String backupName,
        RunStatus status,
        boolean dryRun,
        DryRunMode dryRunMode,
        String dryRunNote,
        Map<String, String> namespaceMapping,
        String existingPolicy,
        Instant startTime,
        Instant endTime,
        Counts counts,
        List<RestoreItem> items,
        List<String> warnings,
        List<String> errors,
        TransformSummary transforms) implements RunResult {

    /** Items listed in {@link #toMap()} at most, to keep a pipeline's return value small. */
    static final int MAP_ITEM_LIMIT = 1000;

    public record Counts(long created, long updated, long replaced, long skipped, long failed) {
        public long total() {
            return created + updated + replaced + skipped + failed;
        }
    }

    @Override
    public Outcome outcome() {
        return new Outcome(status, summaryLine());
    }

    public int exitCode() {
        return status.exitCode();
    }

    public void writeTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, Json.PRETTY.writeValueAsBytes(this));
    }

    public String toJson() throws IOException {
        return Json.PRETTY.writeValueAsString(this);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backup", backupName);
        m.put("status", status.name());
        m.put("exitCode", exitCode());
        m.put("dryRun", dryRun);
        m.put("dryRunMode", dryRunMode == null ? null : dryRunMode.name());
        m.put("created", counts.created());
        m.put("updated", counts.updated());
        m.put("replaced", counts.replaced());
        m.put("skipped", counts.skipped());
        m.put("failed", counts.failed());
        m.put("warnings", List.copyOf(warnings));
        m.put("errors", List.copyOf(errors));
        m.put("items", items.stream().limit(MAP_ITEM_LIMIT).map(RestoreItem::toString).toList());
        m.put("itemsTruncated", items.size() > MAP_ITEM_LIMIT);
        List<String> changes = transforms == null ? List.of() : transforms.lines();
        m.put("transforms", changes.stream().limit(MAP_ITEM_LIMIT).toList());
        m.put("transformsTruncated", changes.size() > MAP_ITEM_LIMIT);
        return m;
    }

    public String summaryLine() {
        if (dryRun) {
            return String.format("dry-run (%s) of restore %s: %s, would create %d, update %d, replace %d, skip %d, fail %d; %d warnings, %d errors",
                    dryRunMode, backupName, status, counts.created(), counts.updated(), counts.replaced(), counts.skipped(),
                    counts.failed(), warnings.size(), errors.size());
        }
        return String.format("restore %s: %s, created %d, updated %d, replaced %d, skipped %d, failed %d; %d warnings, %d errors",
                backupName, status, counts.created(), counts.updated(), counts.replaced(), counts.skipped(), counts.failed(),
                warnings.size(), errors.size());
    }
}
