package io.jenkins.plugins.k8sbackup.testkit;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults a real API server produces and the CRUD mock does not: 429 throttling (with Retry-After) and
 * 410 Gone on expired continue tokens. Decisions are seeded, so a failing test reproduces.
 */
public final class ApiFaults {
    private final Random random = new Random(42);
    private volatile double throttleWrites;
    private volatile double throttleReads;
    private volatile int retryAfterSeconds = 0;
    private final AtomicInteger expireContinueTokens = new AtomicInteger();
    private final AtomicInteger throttleNextWrites = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger expired = new AtomicInteger();
    private volatile DryRunSupport dryRun = DryRunSupport.HONOUR;
    private volatile int writeLatencyMillis;
    private volatile boolean legacyDiscoveryOnly;
    private volatile boolean enforceAdmissionWebhooks;
    private final java.util.Set<String> forbiddenLists = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> brokenDiscovery = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** How the API answers writes carrying {@code ?dryRun=All}. */
    public enum DryRunSupport {
        /** As a real API server: validate, answer with the object, store nothing. */
        HONOUR,
        /** As a server that does not support dry-run: 400 Bad Request. */
        REFUSE,
        /** As fabric8's plain CRUD mock: the parameter is ignored and the write happens. */
        IGNORE
    }

    /** Answers this fraction of POST/PUT/PATCH/DELETE requests with 429. */
    public ApiFaults throttleWrites(double fraction) {
        this.throttleWrites = fraction;
        return this;
    }

    /** Answers the next {@code n} POST/PUT/PATCH/DELETE requests with 429, then none: a burst of throttling that ends. */
    public ApiFaults throttleNextWrites(int n) {
        throttleNextWrites.set(n);
        return this;
    }

    /** Answers this fraction of GET requests (lists and gets, not discovery) with 429. */
    public ApiFaults throttleReads(double fraction) {
        this.throttleReads = fraction;
        return this;
    }

    public ApiFaults retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** The next {@code n} requests that carry a continue token get 410 Gone, as after etcd compaction. */
    public ApiFaults expireNextContinueTokens(int n) {
        expireContinueTokens.set(n);
        return this;
    }

    /**
     * Lists of this resource (plural, e.g. "configmaps") answer 403 Forbidden while GETs of single objects still work:
     * RBAC that grants get but not list.
     */
    public ApiFaults forbidLists(String plural) {
        forbiddenLists.add(plural);
        return this;
    }

    boolean listForbidden(String plural) {
        return forbiddenLists.contains(plural);
    }

    /** Delays every write's answer this long (not the dispatcher), as an API server's etcd round trip does. */
    public ApiFaults writeLatencyMillis(int millis) {
        this.writeLatencyMillis = millis;
        return this;
    }

    int writeLatencyMillis() {
        return writeLatencyMillis;
    }

    /**
     * Discovery of this group version ("metrics.k8s.io/v1beta1") answers 503, as a real API server does for an
     * aggregated API whose backend is down. The group is still listed under /apis.
     */
    public ApiFaults breakDiscoveryOf(String groupVersion) {
        brokenDiscovery.add(groupVersion);
        return this;
    }

    /** Answers discovery as an API server before Kubernetes 1.26 does: no aggregated discovery, one request per group. */
    public ApiFaults legacyDiscoveryOnly(boolean legacy) {
        this.legacyDiscoveryOnly = legacy;
        return this;
    }

    boolean legacyDiscoveryOnly() {
        return legacyDiscoveryOnly;
    }

    /**
     * Refuses the writes that a webhook configuration matches and cannot be called for, as a real API server does
     * (see {@link AdmissionWebhooks}): a webhook whose Service does not exist blocks what it matches. Off by
     * default, as in the CRUD mock, which calls no webhook.
     */
    public ApiFaults enforceAdmissionWebhooks(boolean enforce) {
        this.enforceAdmissionWebhooks = enforce;
        return this;
    }

    boolean enforceAdmissionWebhooks() {
        return enforceAdmissionWebhooks;
    }

    boolean discoveryBroken(String groupVersion) {
        return brokenDiscovery.contains(groupVersion);
    }

    public ApiFaults dryRun(DryRunSupport support) {
        this.dryRun = support;
        return this;
    }

    public DryRunSupport dryRunSupport() {
        return dryRun;
    }

    public ApiFaults clear() {
        throttleWrites = 0;
        throttleReads = 0;
        expireContinueTokens.set(0);
        throttleNextWrites.set(0);
        dryRun = DryRunSupport.HONOUR;
        writeLatencyMillis = 0;
        brokenDiscovery.clear();
        forbiddenLists.clear();
        legacyDiscoveryOnly = false;
        enforceAdmissionWebhooks = false;
        return this;
    }

    public int throttledCount() {
        return throttled.get();
    }

    public int expiredCount() {
        return expired.get();
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    boolean shouldThrottle(boolean write) {
        if (write && throttleNextWrites.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throttled.incrementAndGet();
            return true;
        }
        double p = write ? throttleWrites : throttleReads;
        if (p <= 0) {
            return false;
        }
        boolean hit;
        synchronized (random) {
            hit = random.nextDouble() < p;
        }
        if (hit) {
            throttled.incrementAndGet();
        }
        return hit;
    }

    boolean shouldExpireContinue() {
        boolean hit = expireContinueTokens.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        if (hit) {
            expired.incrementAndGet();
        }
        return hit;
    }
}
