package io.jenkins.plugins.k8sbackup.verify;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jenkins.plugins.k8sbackup.outcome.RunResult;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A namespace set checked against a backup: one verdict per object (exists and matches), per workload and
 * PVC (ready), and per user check; {@code errors} say why the run failed beyond its rows (nothing was compared).
 * Result ({@link RunStatus}, stored as its verification word) and exit code: pass 0, fail 1, passed with
 * warnings 3. A verification that compared no object fails.
 */
public record VerifyReport(String backupName, @JsonSerialize(using = RunStatus.AsVerifyLabel.class) RunStatus result,
                           Map<String, String> namespaceMapping,
                           List<Verdict> objects, List<Verdict> readiness, List<Verdict> checks, List<String> warnings,
                           List<String> errors) implements RunResult {

    public enum Outcome { ok, warn, fail }

    /**
     * One row of the table. {@code verdict}: for objects match, metadata-differs (warn), spec-differs, missing
     * (fail), unreadable (warn: the backup's copy is corrupt); for readiness ready or not-ready; for checks
     * pass or fail. {@code detail} lists differing paths (never values) or the readiness state. {@code notes}:
     * differences the restore makes on purpose (a node port the cluster assigned), which never fail a row.
     */
    public record Verdict(String resource, String namespace, String name, String verdict, Outcome outcome, String detail,
                          List<String> notes) {
        public Verdict {
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        public Verdict(String resource, String namespace, String name, String verdict, Outcome outcome, String detail) {
            this(resource, namespace, name, verdict, outcome, detail, List.of());
        }

        @Override
        public String toString() {
            return String.format("%-5s %-16s %s %s%s%s", outcome, verdict, resource, (namespace == null ? "" : namespace + "/") + name,
                    detail == null ? "" : "  (" + detail + ")", notes.isEmpty() ? "" : "  note: " + String.join("; note: ", notes));
        }
    }

    /** The whole verification's outcome (not a row's {@link Outcome}). */
    @Override
    public io.jenkins.plugins.k8sbackup.outcome.Outcome outcome() {
        return new io.jenkins.plugins.k8sbackup.outcome.Outcome(result, summaryLine());
    }

    public int exitCode() {
        return result.exitCode();
    }

    public void writeTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, Json.PRETTY.writeValueAsBytes(this));
    }

    /** The per-object table, failures first. */
    public List<String> table() {
        return rows().map(Verdict::toString).toList();
    }

    /** The rows a reader must see: all but plain ok ones (an ok row with notes is shown), failures first. */
    public List<String> attention() {
        return rows().filter(v -> v.outcome() != Outcome.ok || !v.notes().isEmpty()).map(Verdict::toString).toList();
    }

    private java.util.stream.Stream<Verdict> rows() {
        return java.util.stream.Stream.of(objects, readiness, checks).flatMap(List::stream)
                .sorted(java.util.Comparator.comparing((Verdict v) -> -v.outcome().ordinal()));
    }

    /** Object rows where a comparison took place (the object was read from both sides, or found missing). */
    public long compared() {
        return compared(objects);
    }

    static long compared(List<Verdict> objects) {
        return objects.stream().filter(v -> !v.verdict().equals("unreadable")).count();
    }

    private long count(Outcome o) {
        return java.util.stream.Stream.of(objects, readiness, checks).flatMap(List::stream).filter(v -> v.outcome() == o).count();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backup", backupName);
        m.put("result", result.verifyLabel());
        m.put("exitCode", exitCode());
        m.put("objects", objects.size());
        m.put("compared", compared());
        m.put("failed", count(Outcome.fail));
        m.put("warnings", count(Outcome.warn));
        m.put("notes", objects.stream().mapToLong(v -> v.notes().size()).sum());
        m.put("table", table());
        m.put("errors", List.copyOf(errors));
        return m;
    }

    public String summaryLine() {
        return String.format("verify %s: %s, %d objects, %d workloads/PVCs, %d checks; %d failed, %d warnings", backupName,
                result.verifyLabel(), objects.size(), readiness.size(), checks.size(), count(Outcome.fail), count(Outcome.warn))
                + (errors.isEmpty() ? "" : "; " + String.join("; ", errors));
    }
}
