package io.jenkins.plugins.k8sbackup.diff;

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
 * backup, to = live; Secret values masked). Exit code: 0 identical, 3 differences found, 1 some objects
 * could not be compared (unreadable in the backup, or refused by the API).
 */
public record DiffReport(String backupName, Map<String, String> namespaceMapping, long compared, long identical,
                         List<ObjectRef> missing, List<ObjectRef> added, List<ChangedObject> changed, List<String> errors) {

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

    public boolean identicalToBackup() {
        return missing.isEmpty() && added.isEmpty() && changed.isEmpty();
    }

    public int exitCode() {
        return !errors.isEmpty() ? 1 : identicalToBackup() ? 0 : 3;
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
        m.put("errors", List.copyOf(errors));
        return m;
    }

    /** Human-readable lines: one per object, one per field change. */
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
        errors.forEach(e -> out.add("! error    " + e));
        return out;
    }

    public String summaryLine() {
        return String.format("diff %s: %s, %d compared, %d identical, %d missing, %d added, %d changed, %d errors", backupName,
                errors.isEmpty() ? (identicalToBackup() ? "identical" : "differences found") : "incomplete",
                compared, identical, missing.size(), added.size(), changed.size(), errors.size());
    }
}
