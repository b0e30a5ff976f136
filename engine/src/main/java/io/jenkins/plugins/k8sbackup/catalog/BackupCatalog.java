package io.jenkins.plugins.k8sbackup.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.StoredObject;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists, reads and deletes the backups of one kind at a storage location. A backup is complete only once
 * its {@code manifest.json} exists, because writers store the manifest last; anything else under the
 * backup's prefix is listed as {@link BackupStatus#Incomplete}.
 */
public final class BackupCatalog {
    public static final String MANIFEST = "manifest.json";

    private final BackupStorage storage;
    private final BackupKind kind;

    public BackupCatalog(BackupStorage storage, BackupKind kind) {
        this.storage = storage;
        this.kind = kind;
    }

    public BackupStorage storage() {
        return storage;
    }

    public BackupKind kind() {
        return kind;
    }

    /** Every backup, newest first; incomplete ones last. */
    public List<BackupSummary> list() throws IOException {
        List<BackupSummary> result = new ArrayList<>();
        for (String name : storage.listChildren(kind.prefix())) {
            result.add(summarise(name));
        }
        result.sort(Comparator.comparing((BackupSummary s) -> s.startTime() == null)
                .thenComparing(BackupSummary::startTime, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(BackupSummary::name));
        return result;
    }

    public BackupSummary summarise(String name) throws IOException {
        Optional<ManifestHeader> header = header(name);
        if (header.isPresent()) {
            ManifestHeader h = header.get();
            return new BackupSummary(name, kind, h.startTime(), h.endTime(), h.status(), h.totalBytes(),
                    h.objectCount(), h.labels() == null ? Map.of() : h.labels());
        }
        long bytes = 0;
        for (StoredObject o : storage.list(kind.prefix() + name + "/")) {
            bytes += o.size();
        }
        return new BackupSummary(name, kind, null, null, BackupStatus.Incomplete, bytes, 0, Map.of());
    }

    public Optional<ManifestHeader> header(String name) throws IOException {
        return manifestJson(name).map(n -> Json.MAPPER.convertValue(n, ManifestHeader.class));
    }

    /** The raw manifest, or empty when the backup is missing or incomplete. */
    public Optional<JsonNode> manifestJson(String name) throws IOException {
        checkName(name);
        try {
            return Optional.of(Json.MAPPER.readTree(storage.read(kind.keyOf(name, MANIFEST))));
        } catch (FileNotFoundException missing) {
            return Optional.empty();
        }
    }

    /** The manifest of a restorable backup, or a clear error saying why there is none. */
    public <T> T requireManifest(String name, Class<T> type) throws IOException {
        Optional<JsonNode> json = manifestJson(name);
        if (json.isEmpty()) {
            boolean anything = !storage.list(kind.prefix() + name + "/").isEmpty();
            throw new FileNotFoundException(anything
                    ? "backup '" + name + "' at " + storage.describe() + " is incomplete (no manifest): it was interrupted and cannot be restored"
                    : "no backup named '" + name + "' at " + storage.describe());
        }
        return Json.MAPPER.convertValue(json.get(), type);
    }

    public boolean exists(String name) throws IOException {
        return !storage.list(kind.prefix() + name + "/").isEmpty();
    }

    /** Deletes the manifest first, so a half-deleted backup is never mistaken for a complete one. */
    public void delete(String name) throws IOException {
        checkName(name);
        storage.deletePrefix(kind.keyOf(name, MANIFEST));
        storage.deletePrefix(kind.prefix() + name + "/");
    }

    /** Names are single path segments: no traversal, no separators. */
    public static String checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}") || name.contains("..")) {
            throw new IllegalArgumentException("invalid backup name '" + name
                    + "': use letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return name;
    }
}
