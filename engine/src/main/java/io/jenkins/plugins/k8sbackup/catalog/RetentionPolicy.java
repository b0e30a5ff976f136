package io.jenkins.plugins.k8sbackup.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which backups to prune: those older than {@code ttl}, and complete ones beyond the newest
 * {@code keepLast}. The backup being written is always protected, and incomplete backups are never
 * pruned here: one may still be running elsewhere (delete them explicitly).
 */
public record RetentionPolicy(Duration ttl, Integer keepLast) implements java.io.Serializable {

    public RetentionPolicy {
        if (keepLast != null && keepLast < 1) {
            throw new IllegalArgumentException("keep-last must be at least 1, got " + keepLast);
        }
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
    }

    public boolean isEmpty() {
        return ttl == null && keepLast == null;
    }

    /** Names to delete from a newest-first listing. */
    public List<String> select(List<BackupSummary> newestFirst, String protectedName, Instant now) {
        List<String> doomed = new ArrayList<>();
        int complete = 0;
        for (BackupSummary s : newestFirst) {
            if (s.name().equals(protectedName) || s.status() == BackupStatus.Incomplete) {
                continue;
            }
            complete++;
            boolean expired = ttl != null && s.startTime() != null && s.startTime().plus(ttl).isBefore(now);
            boolean surplus = keepLast != null && complete > keepLast;
            if (expired || surplus) {
                doomed.add(s.name());
            }
        }
        return doomed;
    }
}
