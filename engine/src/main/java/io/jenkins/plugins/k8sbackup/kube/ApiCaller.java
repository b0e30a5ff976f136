package io.jenkins.plugins.k8sbackup.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs API calls under the client-side rate limit and retries what a busy API server asks to be retried:
 * 429 (honouring Retry-After), 500/502/503/504 and connection errors, with capped exponential backoff (connection
 * errors and admission webhooks that cannot be called: 3 tries at most).
 * fabric8 does not throttle by itself, and its own retries are switched off (see {@link KubeClients}).
 */
public final class ApiCaller {
    private final RequestPacer limiter;
    private final int maxAttempts;
    private final Duration baseBackoff;
    private final Duration maxBackoff;
    private final AtomicLong throttledResponses = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger backingOff = new java.util.concurrent.atomic.AtomicInteger();

    public ApiCaller(RequestPacer limiter, int maxAttempts, Duration baseBackoff, Duration maxBackoff) {
        this.limiter = limiter;
        this.maxAttempts = maxAttempts;
        this.baseBackoff = baseBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Adaptive pacing ({@link AdaptiveRateLimiter}) under {@code qps} as a hard cap; {@code qps} <= 0: no cap. */
    public static ApiCaller defaults(double qps, int burst) {
        return new ApiCaller(new AdaptiveRateLimiter(qps, burst), 10, Duration.ofMillis(100), Duration.ofSeconds(30));
    }

    public <T> T call(Supplier<T> request) throws InterruptedException {
        return call(request, false);
    }

    /** A write: its latency steers an adaptive limit (reads vary with their size, not with the server's load). */
    public <T> T write(Supplier<T> request) throws InterruptedException {
        return call(request, true);
    }

    private <T> T call(Supplier<T> request, boolean write) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            limiter.acquire();
            try {
                long start = System.nanoTime();
                T result = request.get();
                if (write) {
                    limiter.writeSucceeded(System.nanoTime() - start);
                }
                return result;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 429) {
                    Duration hint = retryAfter(e);
                    limiter.throttled(hint != null && hint.compareTo(maxBackoff) > 0 ? maxBackoff : hint);
                }
                // a server that does not answer at all, or a webhook it cannot call, will not answer on the tenth try
                // either: a few tries cover a restart, ten of them cost a minute per object
                int limit = e.getCode() == 0 || failedCallingWebhook(e) ? Math.min(maxAttempts, 3) : maxAttempts;
                if (attempt >= limit || !retryable(e)) {
                    throw e;
                }
                if (e.getCode() == 429) {
                    throttledResponses.incrementAndGet();
                }
                retries.incrementAndGet();
                backingOff.incrementAndGet();
                try {
                    Thread.sleep(backoff(attempt, e).toMillis());
                } finally {
                    backingOff.decrementAndGet();
                }
            }
        }
    }

    static boolean retryable(KubernetesClientException e) {
        int code = e.getCode();
        return code == 429 || code == 500 || code == 502 || code == 503 || code == 504
                || (code == 0 && e.getCause() instanceof java.io.IOException);
    }

    /**
     * The API server's answer when an admission webhook cannot be called (its Service gone, its pods down):
     * 500 "failed calling webhook". It refuses every write the webhook matches until the webhook is back.
     */
    static boolean failedCallingWebhook(KubernetesClientException e) {
        return e.getCode() == 500 && e.getStatus() != null && e.getStatus().getMessage() != null
                && e.getStatus().getMessage().contains("failed calling webhook");
    }

    private Duration backoff(int attempt, KubernetesClientException e) {
        Duration exponential = baseBackoff.multipliedBy(1L << Math.min(attempt - 1, 16));
        Duration wait = exponential.compareTo(maxBackoff) > 0 ? maxBackoff : exponential;
        Duration retryAfter = retryAfter(e);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
        }
        // jitter spreads parallel workers that were throttled together
        return wait.plusMillis((long) (Math.random() * Math.min(100, wait.toMillis() / 4 + 1)));
    }

    /** The server's hint, from the Status details (fabric8 maps Retry-After into retryAfterSeconds). */
    private static Duration retryAfter(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getDetails() != null
                && e.getStatus().getDetails().getRetryAfterSeconds() != null) {
            return Duration.ofSeconds(e.getStatus().getDetails().getRetryAfterSeconds());
        }
        return null;
    }

    public RequestPacer pacer() {
        return limiter;
    }

    public long throttledResponses() {
        return throttledResponses.get();
    }

    public long retries() {
        return retries.get();
    }

    /** Requests sleeping right now before their retry (429 back-off, a server error, a dropped connection). */
    public int backingOff() {
        return backingOff.get();
    }
}
