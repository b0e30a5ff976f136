package io.jenkins.plugins.k8sbackup.util;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A heartbeat for long work (restore, diff, verify): the work feeds it counts and what it waits for, and every few
 * seconds it prints one line to a {@link ProgressListener}, e.g.
 * {@code restore: 1200 of 10000 objects (12%), 240/s; waiting for 2 CRDs to become Established}, so that a long run
 * never sits silent. Safe to feed from several threads.
 */
public final class ProgressMeter implements AutoCloseable {
    /** How often a line is printed unless the system property {@code k8sbackup.progressIntervalMillis} says otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private final ProgressListener out;
    private final String label;
    private final String unit;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final Map<Waiting, String> waits = new ConcurrentHashMap<>();
    private final List<Supplier<String>> conditions = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker;
    private long windowDone;
    private long windowStart = System.nanoTime();

    private ProgressMeter(ProgressListener out, String label, String unit, Duration interval) {
        this.out = out;
        this.label = label;
        this.unit = unit;
        this.ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("k8s-progress-" + label));
        long millis = Math.max(1, interval.toMillis());
        ticker.scheduleAtFixedRate(() -> out.info(line()), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Starts ticking every {@link #DEFAULT_INTERVAL}; {@code label} names the work ("restore"), {@code unit} what it counts ("objects"). */
    public static ProgressMeter start(ProgressListener out, String label, String unit) {
        return start(out, label, unit, Duration.ofMillis(Long.getLong("k8sbackup.progressIntervalMillis", DEFAULT_INTERVAL.toMillis())));
    }

    public static ProgressMeter start(ProgressListener out, String label, String unit, Duration interval) {
        return new ProgressMeter(out, label, unit, interval);
    }

    /** {@code n} more to do (negative: fewer than expected, e.g. objects a label selector left out). */
    public void expect(long n) {
        total.addAndGet(n);
    }

    /** {@code n} more done. */
    public void done(long n) {
        done.addAndGet(n);
    }

    /** Announces a wait until the returned handle is closed, e.g. {@code try (var w = meter.waitingFor("...")) { ... }}. */
    public Waiting waitingFor(String what) {
        Waiting w = new Waiting();
        waits.put(w, what);
        return w;
    }

    /** A wait the work cannot announce itself (e.g. the API server's 429 back-off), asked at every line: text or null. */
    public void watch(Supplier<String> condition) {
        conditions.add(condition);
    }

    /** The line printed now: counts, rate since the previous line, and the waits under way. */
    public synchronized String line() {
        long now = System.nanoTime();
        long d = done.get();
        long t = total.get();
        double seconds = Math.max(1e-3, (now - windowStart) / 1e9);
        long rate = Math.round((d - windowDone) / seconds);
        windowDone = d;
        windowStart = now;
        StringBuilder sb = new StringBuilder(label).append(": ").append(d);
        if (t > 0) {
            sb.append(" of ").append(t).append(' ').append(unit).append(" (").append(Math.min(100, d * 100 / t)).append("%)");
        } else {
            sb.append(' ').append(unit);
        }
        sb.append(", ").append(rate).append("/s");
        List<String> waiting = new ArrayList<>(waits.values());
        for (Supplier<String> c : conditions) {
            String text = c.get();
            if (text != null) {
                waiting.add(text);
            }
        }
        if (!waiting.isEmpty()) {
            sb.append("; waiting for ").append(String.join("; ", waiting));
        }
        return sb.toString();
    }

    /** Stops the lines (a line being printed finishes first), so none comes after the work's own result. */
    @Override
    public void close() {
        ticker.shutdown();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An announced wait; closing it ends it. */
    public final class Waiting implements AutoCloseable {
        private Waiting() {}

        @Override
        public void close() {
            waits.remove(this);
        }
    }
}
