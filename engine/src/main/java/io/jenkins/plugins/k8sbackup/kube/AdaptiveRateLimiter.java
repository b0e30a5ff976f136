package io.jenkins.plugins.k8sbackup.kube;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket whose rate follows the API server, AIMD-like, as API Priority and Fairness expects of a client:
 * while the limit is what holds writes back and they succeed at steady latency, the rate grows (quickly until the
 * first 429 and, after one, back up to half the rate that met it; then by a tenth a second); a 429 halves it and
 * pauses every caller for the server's Retry-After; write latency rising suddenly (its recent average over 2.5x its
 * long-run average) takes a tenth off. Slow drift, as a server's store grows, and single slow answers do not count. It never goes above {@code ceiling} (the user's explicit {@code --qps}; infinite when none), so an explicit
 * cap is never exceeded, nor below {@value #FLOOR_QPS} a second, which no API server notices.
 * Shared by every thread of one run.
 */
public final class AdaptiveRateLimiter implements RequestPacer {
    /** Where an uncapped run starts: above the old fixed default, so even a cold start is not slower than it was. */
    static final double START_QPS = 100;
    static final double FLOOR_QPS = 10;
    private static final double MAX_QPS = 100_000;
    private static final double SLOW_START_GROWTH = 0.05; // per write while limited, before any trouble
    private static final double STEADY_GROWTH_PER_SECOND = 0.10;
    private static final double LATENCY_TRIGGER = 2.5;    // recent average latency over the long-run average
    private static final double LATENCY_CUT = 0.9;
    private static final double THROTTLE_CUT = 0.5;
    private static final long COOL_DOWN_NANOS = 250_000_000L; // one cut per burst of bad news
    private static final int LATENCY_WARM_UP = 50;
    private static final long WINDOW_NANOS = 1_000_000_000L;

    /** Sleeps, so tests can run the limiter on a clock of their own. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double ceiling;
    private final double burst;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private double rate;
    private double tokens;
    private long last;
    private boolean slowStart = true;
    /** After trouble: grow quickly back up to here (half the rate that met it), then slowly. */
    private double recoverTo;
    private boolean limiting;
    private long pausedUntil;
    private long lastCut;
    private double latencyEwma;     // recent: about the last 10 writes
    private double latencyBaseline; // long run: about the last 100 writes
    private int latencySamples;
    private long windowStart;
    private long lastRequest;
    private int windowRequests;
    private double delivered;
    private double lowestRate;
    private long throttles;
    private long latencyCuts;

    /** {@code ceiling} <= 0 or infinite: no cap, the server decides. */
    public AdaptiveRateLimiter(double ceiling, int burst) {
        this(ceiling, burst, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    AdaptiveRateLimiter(double ceiling, int burst, LongSupplier clock, Sleeper sleeper) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1, got " + burst);
        }
        this.ceiling = ceiling > 0 && !Double.isInfinite(ceiling) ? ceiling : MAX_QPS;
        this.burst = burst;
        this.clock = clock;
        this.sleeper = sleeper;
        this.rate = Math.min(START_QPS, this.ceiling);
        this.lowestRate = rate;
        this.tokens = burst;
        this.last = clock.getAsLong();
        this.windowStart = last;
        this.lastRequest = last;
    }

    @Override
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = clock.getAsLong();
            refill(now);
            countDelivered(now);
            tokens -= 1;
            wait = tokens >= 0 ? 0 : (long) (-tokens / rate * 1e9);
            limiting = wait > 0;
            if (pausedUntil - now > wait) {
                wait = pausedUntil - now;
            }
        }
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    @Override
    public synchronized void writeSucceeded(long latencyNanos) {
        long now = clock.getAsLong();
        latencySamples++;
        latencyEwma = latencySamples == 1 ? latencyNanos : 0.9 * latencyEwma + 0.1 * latencyNanos;
        latencyBaseline = latencySamples == 1 ? latencyNanos : 0.99 * latencyBaseline + 0.01 * latencyNanos;
        if (latencySamples >= LATENCY_WARM_UP && latencyEwma > LATENCY_TRIGGER * latencyBaseline
                && now - lastCut >= COOL_DOWN_NANOS) {
            boolean wasSlowStart = slowStart;
            cut(now, LATENCY_CUT);
            slowStart = wasSlowStart; // a nudge, not a 429: growth goes on as before
            latencyCuts++;
            return;
        }
        if (!limiting) {
            return; // the limit holds nothing back: raising it would only make the next cut slower to bite
        }
        if (slowStart || rate < recoverTo) {
            setRate(rate * (1 + SLOW_START_GROWTH));
        } else {
            setRate(rate + Math.max(1, rate * STEADY_GROWTH_PER_SECOND) / rate); // about +10% a second at this rate
        }
    }

    @Override
    public synchronized void throttled(Duration retryAfter) {
        long now = clock.getAsLong();
        throttles++;
        if (retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()) {
            pausedUntil = Math.max(pausedUntil, now + retryAfter.toNanos());
        }
        tokens = Math.min(tokens, 0); // no burst saved up during the pause
        if (now - lastCut >= COOL_DOWN_NANOS || slowStart) {
            cut(now, THROTTLE_CUT);
        }
    }

    private void cut(long now, double factor) {
        slowStart = false;
        lastCut = now;
        double base = delivered > 0 ? Math.min(rate, delivered) : rate;
        setRate(base * factor);
        // a storm cuts many times: remember where it began, less a quarter for each cut, as the rate to regain fast
        recoverTo = Math.max(rate, recoverTo * 0.75);
    }

    private void setRate(double r) {
        rate = Math.min(ceiling, Math.max(FLOOR_QPS, r));
        lowestRate = Math.min(lowestRate, rate);
    }

    private void refill(long now) {
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
        last = now;
    }

    /**
     * Requests let through per second over the last second or so: what a cut is taken from. A pause of a second or
     * more without requests (a restore's integrity check between discovery and the first write) starts a new window:
     * counted in, it made a burst of writes look like a few a second, and the first latency cut then threw the rate
     * down to the floor (seen in RestoreBench at concurrency 8: lowest 13/s).
     */
    private void countDelivered(long now) {
        if (now - lastRequest >= WINDOW_NANOS) {
            windowStart = now;
            windowRequests = 0;
        }
        lastRequest = now;
        windowRequests++;
        long elapsed = now - windowStart;
        if (elapsed >= WINDOW_NANOS) {
            delivered = windowRequests / (elapsed / 1e9);
            windowRequests = 0;
            windowStart = now;
        }
    }

    public synchronized double rate() {
        return rate;
    }

    public double ceiling() {
        return ceiling;
    }

    /** The lowest rate this run went down to. */
    public synchronized double lowestRate() {
        return lowestRate;
    }

    public synchronized long throttles() {
        return throttles;
    }

    public synchronized long latencyCuts() {
        return latencyCuts;
    }
}
