package io.jenkins.plugins.k8sbackup.kube;

import java.time.Duration;

/**
 * Decides when the next API request may go, and hears how the previous ones went: a fixed
 * {@link RateLimiter} ignores the outcome, an {@link AdaptiveRateLimiter} steers by it.
 */
public interface RequestPacer {
    /** Blocks until a request may go. */
    void acquire() throws InterruptedException;

    /** A write the server accepted, answered after {@code latencyNanos}. */
    default void writeSucceeded(long latencyNanos) {}

    /** The server answered 429 (or asked to come back later); {@code retryAfter} is its hint, or null. */
    default void throttled(Duration retryAfter) {}
}
