package io.jenkins.plugins.k8sbackup.storage;

import io.jenkins.plugins.k8sbackup.util.DaemonThreads;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Writes a file's dirty pages back to disk while the file is still being written, every {@link #EVERY} bytes, so
 * that the fsync that publishes it waits for the last few MiB and not for the whole archive (the kernel alone
 * starts writing back only after half a minute). A failed background flush fails the file: Linux reports a
 * writeback error to one fsync only, so ignoring it here could let the final fsync succeed over lost data.
 * Not thread-safe: called by the one thread writing the file.
 */
final class BackgroundFlusher {
    static final long EVERY = 8L << 20;
    /** Flushes are skipped, not queued, when every thread is busy: the final fsync covers what they would have done. */
    private static final ThreadPoolExecutor THREADS = new ThreadPoolExecutor(0, 4, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), DaemonThreads.named("k8s-backup-flush"));

    private final FileChannel channel;
    private long flushedAt;
    private Future<?> pending;
    private int started;

    BackgroundFlusher(FileChannel channel) {
        this.channel = channel;
    }

    /** Whether a flush should start now that {@code written} bytes have been written; throws if the last one failed. */
    boolean due(long written) throws IOException {
        if (pending != null && pending.isDone()) {
            awaitPending();
        }
        return written - flushedAt >= EVERY && pending == null;
    }

    /** Starts writing back what has reached the channel (the caller has flushed its own buffer first). */
    void start(long written) {
        flushedAt = written;
        try {
            pending = THREADS.submit(() -> {
                channel.force(false);
                return null;
            });
            started++;
        } catch (RejectedExecutionException busy) {
            // every flush thread is busy with other files: this one waits for the next
        }
    }

    /** Waits for a flush under way; its failure is the file's. */
    void awaitPending() throws IOException {
        Future<?> f = pending;
        pending = null;
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the file back to disk", e);
        } catch (ExecutionException e) {
            throw new IOException("writing the file back to disk failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The file is being discarded: a flush under way may finish or fail on the closed channel, unheeded. */
    void abandon() {
        pending = null;
    }

    int started() {
        return started;
    }
}
