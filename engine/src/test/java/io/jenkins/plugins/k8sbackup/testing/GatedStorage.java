package io.jenkins.plugins.k8sbackup.testing;

import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Real storage whose writes of matching keys wait at a gate until the test opens it: a run paused midway, at a
 * known point, so that another run can truly overlap it.
 */
public final class GatedStorage extends ForwardingStorage {
    private static final long WAIT_SECONDS = 120;
    private final Predicate<String> gated;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    public GatedStorage(BackupStorage delegate, Predicate<String> gated) {
        super(delegate);
        this.gated = gated;
    }

    @Override
    public StorageWriter create(String key) throws IOException {
        if (gated.test(key)) {
            reached.countDown();
            try {
                if (!opened.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IOException("test gate for " + key + " was never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted at the test gate for " + key);
            }
        }
        return delegate.create(key);
    }

    /** Waits until a run stands at the gate. */
    public void awaitReached() throws InterruptedException {
        if (!reached.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("no run reached the gate");
        }
    }

    public void open() {
        opened.countDown();
    }
}
