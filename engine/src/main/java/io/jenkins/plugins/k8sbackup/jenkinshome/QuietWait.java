package io.jenkins.plugins.k8sbackup.jenkinshome;

import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits, with a deadline, until no other build runs. Unlike thinBackup it never puts Jenkins into quiet mode
 * and never waits unboundedly: when the timeout passes it proceeds (with a warning) or fails, as configured.
 */
public record QuietWait(BuildActivity activity, String selfId, Duration timeout, Duration pollInterval,
                        boolean failOnTimeout) {

    public QuietWait {
        if (activity == null) {
            throw new IllegalArgumentException("a quiet wait needs a BuildActivity");
        }
        timeout = timeout == null ? Duration.ofMinutes(10) : timeout;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        if (timeout.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("quiet wait timeout must be >= 0 and poll interval > 0");
        }
    }

    /** @return a warning when the backup proceeds although builds are still running */
    public Optional<String> await(ProgressListener listener) throws JenkinsHomeException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int running = activity.runningBuildsExcluding(selfId);
        boolean announced = false;
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                String message = running + " build(s) still running after waiting " + timeout.toSeconds() + "s";
                if (failOnTimeout) {
                    throw new JenkinsHomeException(message + "; backup not started (quiet wait set to fail on timeout)");
                }
                return Optional.of(message + "; backed up anyway, their files may be mid-write");
            }
            if (!announced) {
                listener.info("waiting up to " + timeout.toSeconds() + "s for " + running + " running build(s)");
                announced = true;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JenkinsHomeException("interrupted while waiting for running builds", e);
            }
            running = activity.runningBuildsExcluding(selfId);
        }
        return Optional.empty();
    }
}
