package io.jenkins.plugins.k8sbackup.catalog;

import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.DaemonThreads;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A lease this process holds on a backup (see {@link BackupLocks}). A background thread renews it until it is
 * closed, which releases it; a renewal that finds the lease object gone or replaced marks it lost, and
 * {@link #checkHeld()} tells the holder before it publishes anything.
 */
public final class BackupLease implements AutoCloseable {
    private final BackupStorage storage;
    private final String key;
    private final String backupName;
    private final Clock clock;
    private final LeaseTimes times;
    private final ProgressListener progress;
    private final ScheduledExecutorService renewer;
    private volatile LeaseRecord record;
    private volatile String lost;
    private volatile String renewalError;
    private boolean closed;

    BackupLease(BackupStorage storage, String key, String backupName, LeaseRecord record, Clock clock, LeaseTimes times,
                ProgressListener progress) {
        this.storage = storage;
        this.key = key;
        this.backupName = backupName;
        this.record = record;
        this.clock = clock;
        this.times = times;
        this.progress = progress;
        this.renewer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("k8s-backup-lease " + key));
        long every = times.renewEvery().toMillis();
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** The storage key of the lease object. */
    public String key() {
        return key;
    }

    public LeaseRecord record() {
        return record;
    }

    private void renew() {
        try {
            if (!ours(BackupLocks.recordAt(storage, key))) {
                lost = "its lease " + key + " was deleted or taken over by another run";
                renewer.shutdown();
                return;
            }
            LeaseRecord renewed = record.renewedUntil(clock.instant().plus(times.duration()));
            storage.write(key, BackupLocks.bytes(renewed));
            record = renewed;
            renewalError = null;
        } catch (IOException | RuntimeException e) {
            renewalError = e.getMessage(); // tried again at the next tick; checkHeld() says when time is up
        }
    }

    private boolean ours(Optional<LeaseRecord> found) {
        return found.isPresent() && found.get().id().equals(record.id());
    }

    /**
     * Reads the lease object once and throws unless it is still this holder's and unexpired by this host's clock
     * (less the allowed skew): only then may the holder publish under the backup's name.
     */
    public void checkHeld() throws IOException {
        if (lost == null && !clock.instant().isBefore(record.expiresAt().minus(times.clockSkew()))) {
            lost = "its lease expired at " + record.expiresAt() + " without a renewal"
                    + (renewalError == null ? "" : " (last renewal failed: " + renewalError + ")");
        }
        if (lost == null && !ours(BackupLocks.recordAt(storage, key))) {
            lost = "its lease " + key + " was deleted or taken over by another run";
        }
        if (lost != null) {
            throw new LeaseLostException("backup '" + backupName + "' at " + storage.describe() + " is no longer held by this "
                    + record.purpose() + ": " + lost);
        }
    }

    /** {@link #checkHeld()} as a question: false when the lease is lost (or cannot be read back). */
    public boolean stillHeld() {
        try {
            checkHeld();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes a backup's manifest (the object that makes it complete) only while this claim is held, and checks the
     * claim again afterwards: a run whose name was deleted or taken over meanwhile fails with
     * {@link LeaseLostException} and removes its manifest, rather than vouching for data that may be gone.
     */
    public void publish(String manifestKey, byte[] manifest) throws IOException {
        checkHeld();
        storage.write(manifestKey, manifest);
        try {
            checkHeld();
        } catch (LeaseLostException lost) {
            try {
                storage.deletePrefix(manifestKey);
            } catch (IOException | RuntimeException e) {
                lost.addSuppressed(e);
            }
            throw lost;
        }
    }

    /** Stops renewing and removes the lease object, unless it was lost (then it is not this holder's to remove). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        renewer.shutdownNow();
        try {
            renewer.awaitTermination(10, TimeUnit.SECONDS); // a renewal under way must not rewrite what we delete
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lost != null) {
            return;
        }
        try {
            if (ours(BackupLocks.recordAt(storage, key))) {
                storage.deletePrefix(key);
            }
        } catch (IOException | RuntimeException e) {
            progress.warn("could not release the lease " + key + " at " + storage.describe() + " (it lapses at "
                    + record.expiresAt() + "): " + e.getMessage());
        }
    }
}
