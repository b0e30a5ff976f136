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
import java.util.TreeMap;

/**
 * Lists, reads and deletes the backups of one kind at a storage location. A backup is complete only once
 * its {@code manifest.json} exists, because writers store the manifest last; anything else stored under the
 * name (data, a killed writer's unfinished writes, objects under the kind's companion prefixes, leases) makes it
 * {@link BackupStatus#InProgress} while a run holds its claim and {@link BackupStatus#Incomplete} otherwise, and
 * is listed and deletable like a complete backup.
 */
public final class BackupCatalog {
    public static final String MANIFEST = "manifest.json";

    private final BackupStorage storage;
    private final BackupKind kind;
    private final BackupLocks locks;

    public BackupCatalog(BackupStorage storage, BackupKind kind) {
        this(storage, kind, new BackupLocks(storage, kind));
    }

    public BackupCatalog(BackupStorage storage, BackupKind kind, BackupLocks locks) {
        this.storage = storage;
        this.kind = kind;
        this.locks = locks;
    }

    public BackupStorage storage() {
        return storage;
    }

    public BackupKind kind() {
        return kind;
    }

    public BackupLocks locks() {
        return locks;
    }

    /** Every backup, newest first; unfinished ones last. A few listings for all of them, plus one read per manifest. */
    public List<BackupSummary> list() throws IOException {
        Map<String, List<StoredObject>> stored = new TreeMap<>();
        for (String prefix : prefixes()) {
            group(prefix, storage.list(prefix), stored);
            group(prefix, storage.listUnfinished(prefix), stored);
        }
        Map<String, List<LeaseState>> leases = locks.allLeases();
        leases.keySet().forEach(name -> stored.computeIfAbsent(name, n -> new ArrayList<>()));
        List<BackupSummary> result = new ArrayList<>();
        for (Map.Entry<String, List<StoredObject>> e : stored.entrySet()) {
            result.add(summarise(e.getKey(), e.getValue(), leases.getOrDefault(e.getKey(), List.of())));
        }
        result.sort(Comparator.comparing((BackupSummary s) -> s.startTime() == null)
                .thenComparing(BackupSummary::startTime, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(BackupSummary::name));
        return result;
    }

    /** The kind's prefix and its companions: everywhere a backup keeps objects. */
    private List<String> prefixes() {
        List<String> all = new ArrayList<>();
        all.add(kind.prefix());
        all.addAll(kind.companionPrefixes());
        return all;
    }

    /** Objects by backup name; keys that cannot be ours (no valid name segment) are left out. */
    private static void group(String prefix, List<StoredObject> objects, Map<String, List<StoredObject>> byName) {
        for (StoredObject o : objects) {
            String rest = o.key().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0 && validName(rest.substring(0, slash))) {
                byName.computeIfAbsent(rest.substring(0, slash), n -> new ArrayList<>()).add(o);
            }
        }
    }

    private static boolean validName(String name) {
        try {
            checkName(name);
            return true;
        } catch (IllegalArgumentException notOurs) {
            return false;
        }
    }

    public BackupSummary summarise(String name) throws IOException {
        return summarise(name, storedUnder(name), locks.leases(name));
    }

    private BackupSummary summarise(String name, List<StoredObject> stored, List<LeaseState> leases) throws IOException {
        boolean hasManifest = stored.stream().anyMatch(o -> o.key().equals(kind.keyOf(name, MANIFEST)));
        Optional<ManifestHeader> header = hasManifest ? header(name) : Optional.empty();
        if (header.isPresent()) {
            ManifestHeader h = header.get();
            return new BackupSummary(name, kind, h.startTime(), h.endTime(), h.status(), h.totalBytes(),
                    h.objectCount(), h.labels() == null ? Map.of() : h.labels(), h.expiresAt(), h.series(), leases,
                    h.encryption());
        }
        long bytes = stored.stream().mapToLong(StoredObject::size).sum();
        boolean writing = leases.stream().anyMatch(l -> l.type() == LeaseState.Type.write && l.live());
        return new BackupSummary(name, kind, null, null, writing ? BackupStatus.InProgress : BackupStatus.Incomplete,
                bytes, 0, Map.of(), null, null, leases, BackupEncryption.NOT_KNOWN);
    }

    /** Everything stored under the name but its leases: data, unfinished writes, companion objects. */
    private List<StoredObject> storedUnder(String name) throws IOException {
        checkName(name);
        List<StoredObject> all = new ArrayList<>();
        for (String prefix : kind.prefixesOf(name)) {
            all.addAll(storage.list(prefix));
            all.addAll(storage.listUnfinished(prefix));
        }
        return all;
    }

    public Optional<ManifestHeader> header(String name) throws IOException {
        return manifestJson(name).map(n -> Json.MAPPER.convertValue(n, ManifestHeader.class)
                .withEncryption(ManifestEncryption.read(kind, n)));
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
            Optional<LeaseState> writer = locks.leases(name).stream()
                    .filter(l -> l.type() == LeaseState.Type.write && l.live()).findFirst();
            if (writer.isPresent()) {
                throw new BackupInUseException("backup '" + name + "' at " + storage.describe() + " is not complete yet: it is "
                        + writer.get().describe(), name);
            }
            boolean anything = !storedUnder(name).isEmpty();
            throw new NoSuchBackupException(anything
                    ? "backup '" + name + "' at " + storage.describe() + " is incomplete (no manifest): it was interrupted and cannot be restored"
                    : "no backup named '" + name + "' at " + storage.describe());
        }
        return Json.MAPPER.convertValue(json.get(), type);
    }

    /** Whether anything at all is stored under the name: a backup, a run's leftovers, or a lease. */
    public boolean exists(String name) throws IOException {
        return !storedUnder(name).isEmpty() || !locks.leases(name).isEmpty();
    }

    /** Deletes a backup, complete or not; see {@link #delete(String, String, BeforeDelete)}. */
    public void delete(String name) throws IOException {
        try {
            delete(name, "delete", () -> true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while deleting backup '" + name + "'");
        }
    }

    /** A last step before a delete, under its lease (retention deletes a backup's volume snapshots here). */
    @FunctionalInterface
    public interface BeforeDelete {
        /** False keeps the backup. */
        boolean proceed() throws IOException, InterruptedException;
    }

    /**
     * Deletes everything stored under the name: manifest first, so a half-deleted backup is never mistaken for a
     * complete one, then data and unfinished writes, companion objects, stale leases, and the delete lease last.
     * Refused with {@link BackupInUseException} while a run writes or reads it, with {@link NoSuchBackupException}
     * when nothing is stored under the name. Returns false when {@code before} kept the backup.
     */
    public boolean delete(String name, String purpose, BeforeDelete before) throws IOException, InterruptedException {
        checkName(name);
        if (!exists(name)) {
            throw new NoSuchBackupException("no backup named '" + name + "' at " + storage.describe());
        }
        try (BackupLease lease = locks.delete(name, purpose)) {
            if (!before.proceed()) {
                return false;
            }
            storage.deletePrefix(kind.keyOf(name, MANIFEST));
            for (String prefix : kind.prefixesOf(name)) {
                storage.deletePrefix(prefix);
            }
            locks.removeAllBut(name, lease);
            return true;
        }
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
