package io.jenkins.plugins.k8sbackup.util;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A count of work done out of a total, reported through a {@link ProgressListener} every few seconds (never more
 * often) with its rate: "diff: 1200/5000 objects compared (240/s)". Counted from several threads at once.
 */
public final class CountProgress {
    public static final long DEFAULT_INTERVAL_NANOS = 5_000_000_000L;

    private final ProgressListener listener;
    private final String what;
    private final long total;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long start;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastReport;

    public CountProgress(ProgressListener listener, String what, long total) {
        this(listener, what, total, DEFAULT_INTERVAL_NANOS, System::nanoTime);
    }

    /** {@code what}: e.g. "diff: %d/%d objects compared"; {@code clock}: nanoseconds. */
    public CountProgress(ProgressListener listener, String what, long total, long intervalNanos, LongSupplier clock) {
        this.listener = listener;
        this.what = what;
        this.total = total;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastReport = new AtomicLong(start);
    }

    public void add(long n) {
        long now = done.addAndGet(n);
        long t = clock.getAsLong();
        long last = lastReport.get();
        if (t - last >= intervalNanos && lastReport.compareAndSet(last, t)) {
            listener.info(line(now, t));
        }
    }

    public long done() {
        return done.get();
    }

    /** The line as it would be printed now. */
    public String line() {
        return line(done.get(), clock.getAsLong());
    }

    private String line(long count, long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        return String.format(what, count, total) + String.format(" (%.0f/s)", count / seconds);
    }
}
