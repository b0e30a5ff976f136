package io.jenkins.plugins.k8sbackup.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limiter on a clock of its own: time passes only when it makes a caller wait, so nothing here depends on speed. */
class AdaptiveRateLimiterTest {
    private static final long MS = 1_000_000L;

    /** A clock that moves only when the limiter sleeps, or when a test says time passed. */
    private static final class FakeClock {
        long now;
        long slept;

        AdaptiveRateLimiter limiter(double ceiling, int burst) {
            return new AdaptiveRateLimiter(ceiling, burst, () -> now, nanos -> {
                now += nanos;
                slept += nanos;
            });
        }
    }

    /** Runs {@code n} writes one after the other, each answered after {@code latencyMs}. */
    private static void writes(FakeClock clock, AdaptiveRateLimiter limiter, int n, long latencyMs) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            limiter.acquire();
            clock.now += latencyMs * MS / 100; // the answer overlaps other writes: only a slice of it is serial time
            limiter.writeSucceeded(latencyMs * MS);
        }
    }

    @Test
    void growsWhileWritesSucceedAndItIsTheLimit() throws Exception {
        FakeClock clock = new FakeClock();
        AdaptiveRateLimiter limiter = clock.limiter(0, 10);
        assertThat(limiter.rate()).isEqualTo(AdaptiveRateLimiter.START_QPS);
        writes(clock, limiter, 200, 2);
        assertThat(limiter.rate()).isGreaterThan(10 * AdaptiveRateLimiter.START_QPS);
        assertThat(limiter.throttles()).isZero();
        assertThat(limiter.latencyCuts()).isZero();
    }

    @Test
    void aPauseWithoutRequestsBeforeTheWritesIsNotTakenForALowRate() throws Exception {
        FakeClock clock = new FakeClock();
        AdaptiveRateLimiter limiter = clock.limiter(0, 100);
        for (int i = 0; i < 20; i++) {
            limiter.acquire(); // discovery
        }
        clock.now += 3_000 * MS; // the integrity check: no requests
        writes(clock, limiter, 60, 2);
        writes(clock, limiter, 30, 20); // latency jumps as eight writers pile onto a busy server: one cut

        assertThat(limiter.latencyCuts()).isEqualTo(1);
        assertThat(limiter.lowestRate()).as("a tenth off the rate, not down to the 7/s that 21 requests in 3 s would give")
                .isGreaterThanOrEqualTo(0.9 * AdaptiveRateLimiter.START_QPS);
    }

    @Test
    void anExplicitCapIsNeverExceeded() throws Exception {
        FakeClock clock = new FakeClock();
        AdaptiveRateLimiter limiter = clock.limiter(20, 5);
        writes(clock, limiter, 405, 1);
        assertThat(limiter.rate()).isEqualTo(20);
        // 5 went on the burst, the other 400 at no more than 20 a second
        assertThat(clock.now).isGreaterThanOrEqualTo(400 * 1_000_000_000L / 20);
    }

    @Test
    void a429HalvesTheRatePausesForRetryAfterAndTheRateRecovers() throws Exception {
        FakeClock clock = new FakeClock();
        AdaptiveRateLimiter limiter = clock.limiter(0, 10);
        writes(clock, limiter, 100, 2);
        double before = limiter.rate();
        limiter.throttled(Duration.ofSeconds(3));
        assertThat(limiter.rate()).isLessThanOrEqualTo(before / 2);
        assertThat(limiter.throttles()).isEqualTo(1);

        long sleptBefore = clock.slept;
        limiter.acquire();
        assertThat(clock.slept - sleptBefore).as("every caller waits out Retry-After").isGreaterThanOrEqualTo(3_000 * MS);

        double cut = limiter.rate();
        writes(clock, limiter, 3000, 2);
        assertThat(limiter.rate()).as("recovers once writes succeed again, by about a tenth a second").isGreaterThan(cut * 1.05);
        assertThat(limiter.lowestRate()).isLessThanOrEqualTo(cut);
    }

    @Test
    void aStormOf429sCutsOncePerCoolDownNotOncePerAnswer() throws Exception {
        FakeClock clock = new FakeClock();
        AdaptiveRateLimiter limiter = clock.limiter(0, 10);
        writes(clock, limiter, 100, 2);
        double before = limiter.rate();
        for (int i = 0; i < 8; i++) {
            limiter.throttled(null); // eight workers throttled at once
        }
        assertThat(limiter.rate()).isGreaterThanOrEqualTo(before / 2 - 1e-9).isLessThanOrEqualTo(before / 2 + 1e-9);
        assertThat(limiter.throttles()).isEqualTo(8);
    }

    @Test
    void risingLatencyBacksOff() throws Exception {
        FakeClock clock = new FakeClock();
        AdaptiveRateLimiter limiter = clock.limiter(0, 10);
        writes(clock, limiter, 100, 2);
        double before = limiter.rate();
        clock.now += 1_000 * MS;
        writes(clock, limiter, 60, 20); // the server slows down tenfold
        assertThat(limiter.latencyCuts()).isPositive();
        assertThat(limiter.lowestRate()).isLessThan(before);
    }

    @Test
    void neverGoesBelowTheFloor() throws Exception {
        FakeClock clock = new FakeClock();
        AdaptiveRateLimiter limiter = clock.limiter(0, 1);
        for (int i = 0; i < 50; i++) {
            limiter.throttled(null);
            clock.now += 1_000 * MS;
        }
        assertThat(limiter.rate()).isEqualTo(AdaptiveRateLimiter.FLOOR_QPS);
        limiter.acquire();
    }
}
