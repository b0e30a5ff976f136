package io.jenkins.plugins.k8sbackup.catalog;

import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.StoredObject;
import io.jenkins.plugins.k8sbackup.util.Bytes;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Leases with an expiry on the backups of one kind, stored beside them ({@code leases/<kind prefix><name>/}),
 * because neither a directory shared over NFS nor S3 offers real locks. Three kinds:
 * <ul>
 *   <li>the <b>claim</b> ({@code write.json}): one backup run owns a name from before it stores anything until it
 *       has published its manifest; created with {@link BackupStorage#createExclusive}, so of two runs only one
 *       gets it;</li>
 *   <li><b>read</b> leases ({@code read-<id>.json}): restores, diffs and verifications, any number at once;</li>
 *   <li>the <b>delete</b> lease ({@code delete.json}), taken by delete and retention, exclusive too.</li>
 * </ul>
 * Each side writes its own lease first and looks for the other's second, so of a deleter and a reader (or a
 * claimer) that start together at least one sees the other and backs off. Holders renew their lease while they
 * run; a lease past its expiry (plus the allowed clock skew) is stale: its holder was killed or stalled, and the
 * next run may take it over. docs/storage-layout.md says what this does and does not guarantee.
 */
public final class BackupLocks {
    static final String WRITE = "write.json";
    static final String DELETE = "delete.json";
    static final String READ_PREFIX = "read-";
    static final String TAKEOVER_PREFIX = "takeover-";
    private static final int ACQUIRE_ATTEMPTS = 3;

    private final BackupStorage storage;
    private final BackupKind kind;
    private final Clock clock;
    private final LeaseTimes times;
    private final ProgressListener progress;

    public BackupLocks(BackupStorage storage, BackupKind kind) {
        this(storage, kind, Clock.systemUTC(), LeaseTimes.DEFAULT, ProgressListener.NONE);
    }

    public BackupLocks(BackupStorage storage, BackupKind kind, Clock clock, LeaseTimes times, ProgressListener progress) {
        this.storage = storage;
        this.kind = kind;
        this.clock = clock;
        this.times = times;
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** Where the leases of backup {@code name} live. */
    String dir(String name) {
        return kind.leasePrefix() + BackupCatalog.checkName(name) + "/";
    }

    /**
     * Claims {@code name} for a new backup before anything is stored: refused with {@link BackupInUseException} while
     * another run writes or deletes it, with {@link BackupNameTakenException} when a complete backup has the name.
     * Whatever a killed run left under the name (data, unfinished writes, stale leases) is removed first.
     */
    public BackupLease claim(String name, String purpose) throws IOException {
        BackupLease lease = acquireExclusive(name, WRITE, purpose);
        try {
            refuseIfLive(name, DELETE);
            if (storage.exists(kind.keyOf(name, BackupCatalog.MANIFEST))) {
                throw new BackupNameTakenException("a backup named '" + name + "' already exists at " + storage.describe(), name);
            }
            removeLeftovers(name);
            return lease;
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /**
     * A shared lease for reading {@code name} (restore, diff, verify): delete and retention leave the backup alone
     * while it is held. Refused while the backup is being deleted. Read the manifest only after this returns.
     */
    public BackupLease read(String name, String purpose) throws IOException {
        LeaseRecord mine = LeaseRecord.create(purpose, clock.instant(), times.duration());
        String key = dir(name) + READ_PREFIX + mine.id() + ".json";
        storage.write(key, bytes(mine));
        BackupLease lease = new BackupLease(storage, key, name, mine, clock, times, progress);
        try {
            refuseIfLive(name, DELETE);
            return lease;
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /**
     * A read lease for a restore, diff or verification, where storage credentials may be read-only: when the lease
     * object cannot be written the run goes on without one (null), with a warning that the backup is not protected
     * from a delete meanwhile. Refused, as {@link #read}, while the backup is being deleted.
     */
    public static BackupLease readLease(BackupStorage storage, BackupKind kind, String name, String purpose,
                                        ProgressListener progress) throws IOException {
        BackupLocks locks = new BackupLocks(storage, kind, Clock.systemUTC(), LeaseTimes.DEFAULT, progress);
        try {
            return locks.read(name, purpose);
        } catch (BackupInUseException | IllegalArgumentException refused) {
            throw refused;
        } catch (IOException cannotWrite) {
            locks.progress.warn("could not take a read lease on backup '" + name + "' (read-only access?), so a delete or "
                    + "retention elsewhere could remove it while this " + purpose + " runs: " + cannotWrite.getMessage());
            return null;
        }
    }

    /**
     * The exclusive lease for deleting {@code name}: refused with {@link BackupInUseException} while a run writes it
     * (a live claim) or reads it (a live read lease), or another delete is under way.
     */
    public BackupLease delete(String name, String purpose) throws IOException {
        BackupLease lease = acquireExclusive(name, DELETE, purpose);
        try {
            for (LeaseState other : leases(name)) {
                boolean blocks = other.type() == LeaseState.Type.write || other.type() == LeaseState.Type.read;
                if (blocks && other.live()) {
                    throw new BackupInUseException("backup '" + name + "' at " + storage.describe() + " is "
                            + other.describe() + ": not deleted", name);
                }
            }
            return lease;
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** Every lease object of {@code name}, live or stale. */
    public List<LeaseState> leases(String name) throws IOException {
        List<LeaseState> out = new ArrayList<>();
        for (StoredObject o : storage.list(dir(name))) {
            stateOf(o).ifPresent(out::add);
        }
        return out;
    }

    /** Leases of every backup of the kind, by name, from one listing. */
    Map<String, List<LeaseState>> allLeases() throws IOException {
        Map<String, List<LeaseState>> out = new TreeMap<>();
        for (StoredObject o : storage.list(kind.leasePrefix())) {
            String rest = o.key().substring(kind.leasePrefix().length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                stateOf(o).ifPresent(s -> out.computeIfAbsent(rest.substring(0, slash), n -> new ArrayList<>()).add(s));
            }
        }
        return out;
    }

    /** Removes the lease objects of a deleted backup other than {@code own}, stale or not: the backup is gone. */
    void removeAllBut(String name, BackupLease own) throws IOException {
        for (StoredObject o : storage.list(dir(name))) {
            if (!o.key().equals(own.key())) {
                storage.deletePrefix(o.key());
            }
        }
    }

    private BackupLease acquireExclusive(String name, String file, String purpose) throws IOException {
        String key = dir(name) + file;
        for (int attempt = 1; attempt <= ACQUIRE_ATTEMPTS; attempt++) {
            LeaseRecord mine = LeaseRecord.create(purpose, clock.instant(), times.duration());
            if (storage.createExclusive(key, bytes(mine))) {
                return new BackupLease(storage, key, name, mine, clock, times, progress);
            }
            Optional<LeaseState> other = stateAt(key);
            if (other.isEmpty()) {
                continue; // released meanwhile
            }
            if (other.get().live()) {
                throw new BackupInUseException("backup '" + name + "' at " + storage.describe() + " is "
                        + other.get().describe(), name);
            }
            String marker = takeOver(name, key, other.get());
            try {
                mine = LeaseRecord.create(purpose, clock.instant(), times.duration());
                if (storage.createExclusive(key, bytes(mine))) {
                    return new BackupLease(storage, key, name, mine, clock, times, progress);
                }
            } finally {
                storage.deletePrefix(marker); // safe: a late rival re-reads the lease before it deletes anything
            }
        }
        throw new BackupInUseException("backup '" + name + "' at " + storage.describe()
                + ": other runs kept taking its lease " + file + "; try again");
    }

    /**
     * Removes a stale lease so that a new one can be created. Only the run that creates the takeover marker for
     * this stale lease may remove it, and only if it is still the same lease when re-read: a rival that read the
     * same stale lease finds the marker or a fresh lease and backs off.
     */
    private String takeOver(String name, String key, LeaseState stale) throws IOException {
        String staleId = stale.record() != null ? stale.record().id() : "unreadable-" + stale.storedAt().toEpochMilli();
        String marker = dir(name) + TAKEOVER_PREFIX + staleId + ".json";
        LeaseRecord mine = LeaseRecord.create("takeover", clock.instant(), times.duration());
        if (!storage.createExclusive(marker, bytes(mine))) {
            throw new BackupInUseException("backup '" + name + "' at " + storage.describe()
                    + ": another run is taking over its " + stale.describe());
        }
        Optional<LeaseState> again = stateAt(key);
        if (again.isPresent() && sameLease(again.get(), stale)) {
            storage.deletePrefix(key);
            progress.warn("backup '" + name + "': took over the " + stale.describe()
                    + " (its holder was killed or stalled past the lease's expiry)");
        }
        return marker;
    }

    private static boolean sameLease(LeaseState a, LeaseState b) {
        if (a.record() == null || b.record() == null) {
            return a.record() == b.record() && a.storedAt().equals(b.storedAt());
        }
        return a.record().id().equals(b.record().id());
    }

    private void refuseIfLive(String name, String file) throws IOException {
        Optional<LeaseState> other = stateAt(dir(name) + file);
        if (other.isPresent() && other.get().live()) {
            throw new BackupInUseException("backup '" + name + "' at " + storage.describe() + " is " + other.get().describe(), name);
        }
    }

    /**
     * What a killed run of this name left: data, unfinished writes, objects under companion prefixes, stale leases.
     * Called with the claim held, so no live writer can own any of it.
     */
    private void removeLeftovers(String name) throws IOException {
        List<String> prefixes = kind.prefixesOf(name);
        long objects = 0;
        long bytes = 0;
        for (String prefix : prefixes) {
            List<StoredObject> left = new ArrayList<>(storage.list(prefix));
            left.addAll(storage.listUnfinished(prefix));
            if (!left.isEmpty()) {
                objects += left.size();
                bytes += left.stream().mapToLong(StoredObject::size).sum();
                storage.deletePrefix(prefix);
            }
        }
        for (LeaseState s : leases(name)) {
            if (!s.live() && s.type() != LeaseState.Type.write) {
                storage.deletePrefix(s.key());
            }
        }
        if (objects > 0) {
            progress.warn("backup '" + name + "': removed " + objects + " objects (" + Bytes.human(bytes)
                    + ") that an interrupted run of the same name left at " + storage.describe());
        }
    }

    private Optional<LeaseState> stateAt(String key) throws IOException {
        for (StoredObject o : storage.list(key)) {
            if (o.key().equals(key)) {
                return stateOf(o);
            }
        }
        return Optional.empty();
    }

    /** Reads one lease object; empty when it vanished meanwhile. An unreadable one is held until it ages out. */
    private Optional<LeaseState> stateOf(StoredObject o) throws IOException {
        String file = o.key().substring(o.key().lastIndexOf('/') + 1);
        LeaseState.Type type = file.equals(WRITE) ? LeaseState.Type.write : file.equals(DELETE) ? LeaseState.Type.delete
                : file.startsWith(READ_PREFIX) ? LeaseState.Type.read : file.startsWith(TAKEOVER_PREFIX) ? LeaseState.Type.takeover
                : null;
        if (type == null) {
            return Optional.empty(); // not a lease object of ours
        }
        byte[] content;
        try {
            content = storage.read(o.key());
        } catch (FileNotFoundException vanished) {
            return Optional.empty();
        }
        LeaseRecord record = parse(content).orElse(null);
        Instant now = clock.instant();
        Instant until = record != null ? record.expiresAt() : o.lastModified().plus(times.duration());
        return Optional.of(new LeaseState(type, o.key(), record, o.lastModified(), now.isBefore(until.plus(times.clockSkew()))));
    }

    /** The lease record stored at {@code key}, if there is a readable one. */
    static Optional<LeaseRecord> recordAt(BackupStorage storage, String key) throws IOException {
        try {
            return parse(storage.read(key));
        } catch (FileNotFoundException gone) {
            return Optional.empty();
        }
    }

    private static Optional<LeaseRecord> parse(byte[] content) {
        try {
            LeaseRecord r = Json.MAPPER.readValue(content, LeaseRecord.class);
            return r.id() == null || r.expiresAt() == null ? Optional.empty() : Optional.of(r);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    static byte[] bytes(LeaseRecord record) {
        try {
            return Json.MAPPER.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
