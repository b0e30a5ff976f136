package io.jenkins.plugins.k8sbackup.util;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting on work handed to another thread, with its failure rethrown as the exception it was. */
public final class Futures {
    private Futures() {}

    public static <T> T await(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /**
     * For work that throws nothing checked but InterruptedException (the rest is wrapped where it is thrown): waits,
     * rethrowing interruption and unchecked failures as they were.
     */
    public static <T> T awaitUnchecked(Future<T> f) throws InterruptedException {
        try {
            return await(f);
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
