package io.jenkins.plugins.k8sbackup.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line of a backup listing. {@code startTime} is null for an incomplete backup. {@code expiresAt}: when
 * retention may delete it (null: never by expiry); {@code series}: what {@code keepLast} counts it with (null:
 * nothing); {@code leases}: who is writing, reading or deleting it, and stale leases a killed run left;
 * {@code encryption}: what its manifest says about its encryption ({@code ?} without a manifest).
 */
public record BackupSummary(String name, BackupKind kind, Instant startTime, Instant endTime, BackupStatus status,
                            long totalBytes, long objectCount, Map<String, String> labels, Instant expiresAt,
                            BackupSeries series, List<LeaseState> leases, BackupEncryption encryption) {

    public BackupSummary {
        labels = labels == null ? Map.of() : labels;
        leases = leases == null ? List.of() : List.copyOf(leases);
        encryption = encryption == null ? BackupEncryption.NOT_KNOWN : encryption;
    }

    /** A summary whose encryption is not known. */
    public BackupSummary(String name, BackupKind kind, Instant startTime, Instant endTime, BackupStatus status,
                         long totalBytes, long objectCount, Map<String, String> labels, Instant expiresAt,
                         BackupSeries series, List<LeaseState> leases) {
        this(name, kind, startTime, endTime, status, totalBytes, objectCount, labels, expiresAt, series, leases, null);
    }

    /** A summary without expiry, series or leases. */
    public BackupSummary(String name, BackupKind kind, Instant startTime, Instant endTime, BackupStatus status,
                         long totalBytes, long objectCount, Map<String, String> labels) {
        this(name, kind, startTime, endTime, status, totalBytes, objectCount, labels, null, null, List.of());
    }

    /** Has a manifest: Completed, PartiallyFailed or Failed, not Incomplete or InProgress. */
    public boolean finished() {
        return status != BackupStatus.Incomplete && status != BackupStatus.InProgress;
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** What is going on with it, for a listing: live leases, and the claim a killed run left; empty when idle. */
    public String activity() {
        return leases.stream().filter(l -> l.live() || l.type() == LeaseState.Type.write)
                .filter(l -> l.type() != LeaseState.Type.takeover)
                .map(LeaseState::describe).collect(Collectors.joining("; "));
    }
}
