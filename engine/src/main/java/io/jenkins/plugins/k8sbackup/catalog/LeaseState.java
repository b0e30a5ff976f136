package io.jenkins.plugins.k8sbackup.catalog;

import java.time.Instant;

/**
 * One lease object found on a backup, as listings show it. {@code record} is null when the object cannot be read
 * (a writer is still creating it, or it is damaged): it then counts as held until {@code storedAt} plus a lease's
 * duration.
 *
 * @param type     what the lease is for
 * @param key      the lease object's storage key
 * @param live     held at the time of the listing (not yet expired, with the clock skew allowed)
 * @param storedAt when the object was last written, as the store says
 */
public record LeaseState(Type type, String key, LeaseRecord record, Instant storedAt, boolean live) {

    public enum Type {
        /** The name's claim: a backup run is writing it. */
        write,
        /** A restore, diff or verification is reading it (any number at once). */
        read,
        /** A delete or retention is removing it. */
        delete,
        /** Marks that a stale claim was taken over, so that only one run can take it over. */
        takeover
    }

    /** "being written: backup by host-a (pid 12) until …", "stale: …" */
    public String describe() {
        String what = switch (type) {
            case write -> "being written";
            case read -> "being read";
            case delete -> "being deleted";
            case takeover -> "taken over";
        };
        String who = record == null ? "unreadable lease object stored at " + storedAt : record.describe();
        return (live ? what : "stale lease (" + what + ")") + ": " + who;
    }
}
