package io.jenkins.plugins.k8sbackup.diff;

import io.jenkins.plugins.k8sbackup.outcome.Outcome;
import io.jenkins.plugins.k8sbackup.outcome.RunResult;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import io.jenkins.plugins.k8sbackup.desired.FieldChange;
import io.jenkins.plugins.k8sbackup.desired.PolicyNote;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backup compared with the live cluster. {@code missing}: in the backup, not live; {@code added}: live in
 * the selected namespaces and types, not in the backup; {@code changed}: both, with field changes (from =
 * backup, to = live; Secret values masked); {@code notes}: objects where the restore's policy makes a field
 * differ on purpose (a node port the cluster assigned), which do not count as changes. Exit code: 0 identical,
 * 3 differences found, 1 some objects could not be compared (unreadable in the backup, or refused by the API)
 * or nothing was compared at all (the selection matched no object of the backup: never "identical"). As an
 * {@link Outcome}: identical Completed, differences PartiallyFailed, not compared Failed.
 */
public record DiffReport(String backupName, Map<String, String> namespaceMapping, long compared, long identical,
                         List<ObjectRef> missing, List<ObjectRef> added, List<ChangedObject> changed,
                         List<NotedObject> notes, List<String> warnings, List<String> errors) implements RunResult {

    public record ObjectRef(String resource, String namespace, String name) {
        @Override
        public String toString() {
            return resource + " " + (namespace == null ? "" : namespace + "/") + name;
        }
    }

    public record ChangedObject(String resource, String namespace, String name, List<FieldChange> changes) {
        public String ref() {
            return new ObjectRef(resource, namespace, name).toString();
        }
    }

    /** An object with differences made on purpose by the restore's policy. */
    public record NotedObject(String resource, String namespace, String name, List<PolicyNote> notes) {
        public String ref() {
            return new ObjectRef(resource, namespace, name).toString();
        }
    }

    public boolean identicalToBackup() {
        return compared > 0 && missing.isEmpty() && added.isEmpty() && changed.isEmpty();
    }

    /** Differences are no failure of the diff, but never Completed: the cluster is not what the backup holds. */
    public RunStatus status() {
        return !errors.isEmpty() || compared == 0 ? RunStatus.Failed : identicalToBackup() ? RunStatus.Completed
                : RunStatus.PartiallyFailed;
    }

    @Override
    public Outcome outcome() {
        return new Outcome(status(), summaryLine());
    }

    public int exitCode() {
        return status().exitCode();
    }

    public void writeTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, Json.PRETTY.writeValueAsBytes(this));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backup", backupName);
        m.put("identical", identicalToBackup());
        m.put("exitCode", exitCode());
        m.put("compared", compared);
        m.put("missing", missing.stream().map(ObjectRef::toString).toList());
        m.put("added", added.stream().map(ObjectRef::toString).toList());
        Map<String, List<String>> changes = new LinkedHashMap<>();
        changed.forEach(c -> changes.put(c.ref(), c.changes().stream().map(FieldChange::toString).toList()));
        m.put("changed", changes);
        Map<String, List<String>> noted = new LinkedHashMap<>();
        notes.forEach(n -> noted.put(n.ref(), n.notes().stream().map(PolicyNote::toString).toList()));
        m.put("notes", noted);
        m.put("warnings", List.copyOf(warnings));
        m.put("errors", List.copyOf(errors));
        return m;
    }

    /** Human-readable lines: one per object, one per field change or note. */
    public List<String> lines() {
        List<String> out = new java.util.ArrayList<>();
        missing.forEach(r -> out.add("- missing  " + r));
        added.forEach(r -> out.add("+ added    " + r));
        for (ChangedObject c : changed) {
            out.add("~ changed  " + c.ref());
            for (FieldChange f : c.changes()) {
                out.add("    " + f.op() + " " + f.path() + (f.from() == null ? "" : " from " + f.from()) + (f.to() == null ? "" : " to " + f.to()));
            }
        }
        for (NotedObject n : notes) {
            out.add("i note     " + n.ref());
            n.notes().forEach(note -> out.add("    " + note));
        }
        warnings.forEach(w -> out.add("! warning  " + w));
        errors.forEach(e -> out.add("! error    " + e));
        return out;
    }

    public String summaryLine() {
        String state = compared == 0 ? "nothing compared" : !errors.isEmpty() ? "incomplete"
                : identicalToBackup() ? "identical" : "differences found";
        return String.format("diff %s: %s, %d compared, %d identical, %d missing, %d added, %d changed, %d with notes, %d errors",
                backupName, state, compared, identical, missing.size(), added.size(), changed.size(), notes.size(), errors.size());
    }
}
