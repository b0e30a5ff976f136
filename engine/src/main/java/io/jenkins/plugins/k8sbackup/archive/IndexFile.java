package io.jenkins.plugins.k8sbackup.archive;

import com.github.luben.zstd.ZstdInputStream;
import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads a backup's per-object index ({@code objects.jsonl.zst}) and checks it against the manifest: its size and
 * SHA-256, every record's path against its fields, and per type the same number of records as the manifest counts.
 */
final class IndexFile {
    private static final int RECORD_PROBLEMS_SHOWN = 5;

    private IndexFile() {}

    /** The records by path; what is wrong goes to {@code problems} (then the map is not to be used). */
    static Map<String, ObjectRecord> read(BackupStorage storage, String backup, BackupManifest m, List<IntegrityProblem> problems)
            throws IOException {
        BackupManifest.StoredIndex stored = m.index();
        if (stored == null || !ArchivePaths.INDEX.equals(stored.key())) {
            problems.add(problem(BackupKind.KUBERNETES.keyOf(backup, stored == null ? "?" : stored.key()), IntegrityProblem.Kind.LAYOUT,
                    "the manifest names no index, or not " + ArchivePaths.INDEX));
            return Map.of();
        }
        String key = BackupKind.KUBERNETES.keyOf(backup, stored.key());
        byte[] raw;
        try {
            raw = storage.read(key);
        } catch (FileNotFoundException e) {
            problems.add(problem(key, IntegrityProblem.Kind.MISSING, "the object index is not in storage"));
            return Map.of();
        }
        if (raw.length != stored.bytes()) {
            problems.add(problem(key, IntegrityProblem.Kind.SIZE, raw.length + " bytes stored, the manifest records " + stored.bytes()
                    + (raw.length < stored.bytes() ? " (truncated)" : "")));
        }
        String sha = Sha256.hex(raw);
        if (!sha.equals(stored.sha256())) {
            problems.add(problem(key, IntegrityProblem.Kind.SHA256, "the object index is " + sha + ", the manifest records "
                    + stored.sha256()));
        }
        if (!problems.isEmpty()) {
            return Map.of();
        }
        Map<String, ObjectRecord> records = new HashMap<>();
        int line = 0;
        int bad = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ZstdInputStream(new ByteArrayInputStream(raw)),
                StandardCharsets.UTF_8))) {
            String text;
            while ((text = r.readLine()) != null) {
                line++;
                ObjectRecord rec = Json.MAPPER.readValue(text, ObjectRecord.class);
                String wrong = recordProblem(rec, records);
                if (wrong != null) {
                    if (bad++ < RECORD_PROBLEMS_SHOWN) {
                        problems.add(problem(key, IntegrityProblem.Kind.INDEX, "line " + line + ": " + wrong));
                    }
                    continue;
                }
                records.put(rec.path(), rec);
            }
        } catch (IOException e) {
            problems.add(problem(key, IntegrityProblem.Kind.UNREADABLE, "line " + (line + 1) + ": " + e.getMessage()));
            return Map.of();
        }
        if (bad > RECORD_PROBLEMS_SHOWN) {
            problems.add(problem(key, IntegrityProblem.Kind.INDEX, (bad - RECORD_PROBLEMS_SHOWN) + " more records are wrong"));
        }
        checkCounts(key, m, records, problems);
        return records;
    }

    /** Why a record cannot be trusted to describe the entry its path names, or null. */
    private static String recordProblem(ObjectRecord rec, Map<String, ObjectRecord> seen) {
        if (rec.path() == null) {
            return "a record without a path";
        }
        ArchivePaths.Parsed p;
        try {
            p = ArchivePaths.parse(rec.path());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!p.resource().equals(rec.resource()) || !Objects.equals(p.namespace(), rec.namespace()) || !p.name().equals(rec.name())
                || p.encrypted() != rec.encrypted()) {
            return "the record of " + rec.path() + " names another object (" + rec.resource() + " " + rec.namespace() + "/"
                    + rec.name() + (rec.encrypted() ? ", encrypted" : "") + ")";
        }
        if (rec.sha256() == null || rec.sha256().length() != 64 || rec.size() < 0) {
            return "the record of " + rec.path() + " has no SHA-256 or size";
        }
        if (seen.containsKey(rec.path())) {
            return rec.path() + " is listed twice";
        }
        return null;
    }

    /**
     * Per type, as many records as the manifest counts. Records of a type the manifest does not hold are expected only
     * when the backup recorded that the type's listing failed (the index had taken some of its objects already);
     * otherwise the type was taken out of the manifest.
     */
    private static void checkCounts(String key, BackupManifest m, Map<String, ObjectRecord> records, List<IntegrityProblem> problems) {
        Map<String, Long> perType = records.values().stream()
                .collect(Collectors.groupingBy(ObjectRecord::resource, TreeMap::new, Collectors.counting()));
        Set<String> failedListings = m.errors() == null ? Set.of() : m.errors().stream()
                .filter(e -> e.namespace() == null && e.name() == null).map(BackupManifest.ItemError::resource)
                .collect(Collectors.toSet());
        long inTypes = 0;
        for (BackupManifest.TypeSummary t : m.types()) {
            long n = perType.getOrDefault(t.resource(), 0L);
            inTypes += n;
            if (n != t.count()) {
                problems.add(problem(key, IntegrityProblem.Kind.INDEX, t.resource() + ": the index lists " + n
                        + " objects, the manifest " + t.count()));
            }
        }
        Set<String> held = m.types().stream().map(BackupManifest.TypeSummary::resource).collect(Collectors.toSet());
        perType.forEach((resource, n) -> {
            if (!held.contains(resource) && !failedListings.contains(resource)) {
                problems.add(problem(key, IntegrityProblem.Kind.INDEX, "the index lists " + n + " objects of " + resource
                        + ", a type the manifest does not hold (removed from the manifest?)"));
            }
        });
        if (inTypes != m.index().objects()) {
            problems.add(problem(key, IntegrityProblem.Kind.INDEX, "the index lists " + inTypes
                    + " objects of the manifest's types, the manifest records " + m.index().objects()));
        }
    }

    private static IntegrityProblem problem(String key, IntegrityProblem.Kind kind, String detail) {
        return new IntegrityProblem(null, key, kind, detail);
    }
}
