package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.util.DaemonThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool whose queue is bounded by a semaphore, so a reader streaming 50k objects waits for the
 * workers instead of holding every object in memory. {@link #awaitAll()} is the barrier between steps.
 */
final class BoundedExecutor implements AutoCloseable {
    private final ExecutorService pool;
    private final Semaphore slots;
    private final int capacity;

    BoundedExecutor(int threads, String name) {
        this.pool = Executors.newFixedThreadPool(threads, DaemonThreads.named(name));
        this.capacity = threads * 4;
        this.slots = new Semaphore(capacity);
    }

    /** {@code task} must handle its own failures. */
    void submit(Runnable task) throws InterruptedException {
        slots.acquire();
        try {
            pool.execute(() -> {
                try {
                    task.run();
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    void awaitAll() throws InterruptedException {
        slots.acquire(capacity);
        slots.release(capacity);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
