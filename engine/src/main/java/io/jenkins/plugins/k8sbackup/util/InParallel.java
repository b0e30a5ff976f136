package io.jenkins.plugins.k8sbackup.util;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one task per item on a few threads (as a backup lists its types) and hands back the results in the items'
 * order, so that what the tasks report reads the same whichever finished first. The first failure cancels the rest
 * and is rethrown as it was.
 */
public final class InParallel {
    private InParallel() {}

    public interface Task<T, R> {
        R run(T item) throws IOException, InterruptedException;
    }

    public static <T, R> List<R> map(List<T> items, int threads, String threadName, Task<T, R> task)
            throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, items.size())),
                DaemonThreads.named(threadName));
        List<Future<R>> running = new ArrayList<>();
        try {
            for (T item : items) {
                running.add(pool.submit(() -> task.run(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> f : running) {
                try {
                    results.add(Futures.await(f));
                } catch (IOException | InterruptedException | RuntimeException e) {
                    running.forEach(other -> other.cancel(true));
                    throw e;
                } catch (Exception e) {
                    running.forEach(other -> other.cancel(true));
                    throw new IOException(e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
