package io.jenkins.plugins.k8sbackup.kube;

import java.util.function.Supplier;

/**
 * What the API server makes a run wait for, in words for a progress line: answers 429 since the previous line and
 * requests sleeping before a retry; null while the server keeps up.
 */
public final class ApiPressure implements Supplier<String> {
    private final ApiCaller caller;
    private long throttledSeen;

    public ApiPressure(ApiCaller caller) {
        this.caller = caller;
        this.throttledSeen = caller.throttledResponses();
    }

    @Override
    public synchronized String get() {
        long throttled = caller.throttledResponses();
        long fresh = throttled - throttledSeen;
        throttledSeen = throttled;
        int waiting = caller.backingOff();
        if (fresh == 0 && waiting == 0) {
            return null;
        }
        return "the API server's back-off (" + (fresh > 0 ? "429 Too Many Requests " + fresh + "x since the previous line, " : "")
                + waiting + " request" + (waiting == 1 ? "" : "s") + " waiting to retry)";
    }
}
