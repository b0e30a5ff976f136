package io.jenkins.plugins.k8sbackup.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Retention as Velero does it: {@code ttl} is not a rule for other backups but this backup's own lifetime, recorded
 * as {@code expiresAt} in its manifest; a pruning run deletes every backup whose own expiry has passed, and a
 * backup without one never expires. {@code keepLast} keeps the newest N restorable backups of this backup's
 * {@link BackupSeries} (this one counted) and deletes the older ones of that series only; {@code seriesLabels}
 * names the labels that make the series (null: every label but {@link BackupSeries#RUN_LABELS}).
 */
public record RetentionPolicy(Duration ttl, Integer keepLast, Set<String> seriesLabels) implements java.io.Serializable {

    public RetentionPolicy {
        if (keepLast != null && keepLast < 1) {
            throw new IllegalArgumentException("keep-last must be at least 1, got " + keepLast);
        }
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        seriesLabels = seriesLabels == null ? null : Set.copyOf(seriesLabels);
    }

    /** Series of every label but the run's own. */
    public RetentionPolicy(Duration ttl, Integer keepLast) {
        this(ttl, keepLast, null);
    }

    /** Neither a ttl nor keepLast: the run deletes nothing. */
    public boolean isEmpty() {
        return ttl == null && keepLast == null;
    }

    /** The expiry of a backup started at {@code start}; null without a ttl. */
    public Instant expiresAt(Instant start) {
        return ttl == null ? null : start.plus(ttl);
    }

    /** The series of a backup of {@code source} with these labels. */
    public BackupSeries seriesOf(String source, Map<String, String> labels) {
        return BackupSeries.of(source, labels, seriesLabels);
    }

    /**
     * Names to delete from a newest-first listing, after the backup {@code current} of {@code series} was
     * published: every finished backup whose own expiry has passed, and with {@code keepLast} the backups of the
     * same series beyond the newest N restorable ones. {@code current} and unfinished backups (being written, or
     * left by a killed run: delete those explicitly) are never selected.
     */
    public List<String> select(List<BackupSummary> newestFirst, String current, BackupSeries series, Instant now) {
        List<String> doomed = new ArrayList<>();
        if (isEmpty()) {
            return doomed;
        }
        int kept = 0;
        for (BackupSummary s : newestFirst) {
            if (!s.finished()) {
                continue;
            }
            boolean inSeries = keepLast != null && series != null && series.equals(s.series());
            boolean surplus = inSeries && kept >= keepLast;
            if (inSeries && !surplus && s.status().restorable()) {
                kept++;
            }
            if (!s.name().equals(current) && (s.expired(now) || surplus)) {
                doomed.add(s.name());
            }
        }
        return doomed;
    }
}
