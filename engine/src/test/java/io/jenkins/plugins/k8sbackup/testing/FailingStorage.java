package io.jenkins.plugins.k8sbackup.testing;

import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.StorageException;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Real storage whose writers misbehave after {@code failAfter} bytes: throw, or run a hook (e.g. kill etcd).
 * {@code createExclusive} (name claims) is passed through untouched, so the fault hits the data being written.
 */
public final class FailingStorage extends ForwardingStorage {
    private final long failAfter;
    private final Consumer<Long> onThreshold;
    private final boolean dying;

    private FailingStorage(BackupStorage delegate, long failAfter, Consumer<Long> onThreshold, boolean dying) {
        super(delegate);
        this.failAfter = failAfter;
        this.onThreshold = onThreshold;
        this.dying = dying;
    }

    /** Writers throw once {@code failAfter} bytes went through, as a full disk or a dropped connection would. */
    public static FailingStorage dyingAfter(BackupStorage delegate, long failAfter) {
        return new FailingStorage(delegate, failAfter, n -> {}, true);
    }

    /** Writers call {@code hook} once, at {@code threshold} bytes, and go on working. */
    public static FailingStorage hookAt(BackupStorage delegate, long threshold, Consumer<Long> hook) {
        return new FailingStorage(delegate, threshold, hook, false);
    }

    @Override
    public StorageWriter create(String key) throws IOException {
        StorageWriter real = delegate.create(key);
        boolean fail = dying;
        return new StorageWriter() {
            private boolean fired;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (real.bytesWritten() + len > failAfter && !fired) {
                    fired = true;
                    onThreshold.accept(real.bytesWritten());
                    if (fail) {
                        throw new StorageException("simulated storage failure after " + real.bytesWritten() + " bytes");
                    }
                }
                if (fail && fired) {
                    throw new StorageException("simulated storage failure: storage is gone");
                }
                real.write(b, off, len);
            }

            @Override
            public void abort() {
                real.abort();
            }

            @Override
            public long bytesWritten() {
                return real.bytesWritten();
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        };
    }
}
