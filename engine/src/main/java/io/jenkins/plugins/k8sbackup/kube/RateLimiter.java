package io.jenkins.plugins.k8sbackup.kube;

/**
 * A token bucket: on average {@code qps} requests a second, with bursts of up to {@code burst}. Shared by
 * every thread of one backup or restore, so parallel workers together stay under the limit.
 */
public final class RateLimiter implements RequestPacer {
    private final double qps;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    public RateLimiter(double qps, int burst) {
        if (qps <= 0 || burst < 1) {
            throw new IllegalArgumentException("qps must be > 0 and burst >= 1, got qps=" + qps + " burst=" + burst);
        }
        this.qps = qps;
        this.burst = burst;
        this.tokens = burst;
    }

    @Override
    public void acquire() throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            refill();
            tokens -= 1;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens / qps * 1e9);
        }
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * qps);
        last = now;
    }

    public double qps() {
        return qps;
    }
}
