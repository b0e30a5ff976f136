package io.jenkins.plugins.k8sbackup.catalog;

import java.time.Duration;

/**
 * How long a lease lasts unrenewed, how often its holder renews it, and how far apart the clocks of two hosts
 * may be: a lease counts as held until {@code expiresAt + clockSkew} for everyone else, and as lost for its own
 * holder once {@code expiresAt - clockSkew} passed without a renewal.
 */
public record LeaseTimes(Duration duration, Duration renewEvery, Duration clockSkew) {
    public static final LeaseTimes DEFAULT = new LeaseTimes(Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofSeconds(30));

    public LeaseTimes {
        if (renewEvery.compareTo(duration.minus(clockSkew)) >= 0 || renewEvery.isNegative() || renewEvery.isZero()) {
            throw new IllegalArgumentException("a lease of " + duration + " must be renewed more often than every "
                    + duration.minus(clockSkew) + ", not every " + renewEvery);
        }
    }
}
