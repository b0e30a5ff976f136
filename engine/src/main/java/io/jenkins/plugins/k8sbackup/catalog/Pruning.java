package io.jenkins.plugins.k8sbackup.catalog;

import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Deletes what retention selected, one backup at a time, after a backup was published. A backup in use (being
 * read, written or deleted by another run) is kept, and so is one whose deletion fails: each with a warning, so
 * the run's result says what retention left.
 */
public final class Pruning {
    private final BackupCatalog catalog;
    private final ProgressListener progress;
    private final List<String> deleted = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public Pruning(BackupCatalog catalog, ProgressListener progress) {
        this.catalog = catalog;
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    /**
     * Deletes what {@code policy} selects once {@code current} (of {@code series}) is published; {@code before}
     * gives the step to run under each backup's delete lease (see {@link BackupCatalog.BeforeDelete}).
     */
    public Pruning apply(RetentionPolicy policy, String current, BackupSeries series, Instant now,
                         Function<String, BackupCatalog.BeforeDelete> before) throws InterruptedException {
        if (policy == null || policy.isEmpty()) {
            return this;
        }
        List<BackupSummary> all;
        try {
            all = catalog.list();
        } catch (IOException e) {
            warn("retention could not list the backups at " + catalog.storage().describe() + ": " + e.getMessage());
            return this;
        }
        for (String doomed : policy.select(all, current, series, now)) {
            delete(doomed, before.apply(doomed));
        }
        return this;
    }

    /** Deletes {@code name} unless it is in use or {@code before} keeps it. */
    public void delete(String name, BackupCatalog.BeforeDelete before) throws InterruptedException {
        try {
            if (catalog.delete(name, "retention", before)) {
                deleted.add(name);
                progress.info("retention: deleted backup " + name);
            }
        } catch (NoSuchBackupException alreadyGone) {
            // another run deleted it first
        } catch (BackupInUseException e) {
            warn("retention: kept backup " + name + ": " + e.getMessage());
        } catch (IOException e) {
            warn("retention: could not delete backup " + name + ": " + e.getMessage());
        }
    }

    public void warn(String warning) {
        warnings.add(warning);
        progress.warn(warning);
    }

    public List<String> deleted() {
        return List.copyOf(deleted);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
