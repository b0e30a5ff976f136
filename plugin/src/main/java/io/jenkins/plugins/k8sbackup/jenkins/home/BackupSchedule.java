package io.jenkins.plugins.k8sbackup.jenkins.home;

import hudson.scheduler.CronTab;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * Which periodic JENKINS_HOME backup is due. Each check covers every minute since the previous check, so a minute
 * is not lost when a backup ran longer than the one-minute period; when the full and the diff schedules are both
 * due, the full wins (it contains everything the diff would).
 *
 * @param nextFull the first time at or after the argument the full schedule fires (CronTab.ceil), or null
 * @param nextDiff the same for the differential schedule, or null
 */
record BackupSchedule(LongUnaryOperator nextFull, LongUnaryOperator nextDiff) {

    static BackupSchedule of(String fullCron, String diffCron) {
        return new BackupSchedule(ceil(fullCron), ceil(diffCron));
    }

    private static LongUnaryOperator ceil(String cron) {
        if (cron == null) {
            return null;
        }
        CronTab tab = new CronTab(cron);
        return t -> tab.ceil(t).getTimeInMillis();
    }

    boolean isEmpty() {
        return nextFull == null && nextDiff == null;
    }

    /** "full", "diff" or empty: what fired in [{@code from}, {@code now}]. */
    Optional<String> due(long from, long now) {
        if (fires(nextFull, from, now)) {
            return Optional.of("full");
        }
        return fires(nextDiff, from, now) ? Optional.of("diff") : Optional.empty();
    }

    private static boolean fires(LongUnaryOperator next, long from, long now) {
        return next != null && next.applyAsLong(from) <= now;
    }
}
