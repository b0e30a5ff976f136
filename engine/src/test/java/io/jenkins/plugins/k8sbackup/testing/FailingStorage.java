package io.jenkins.plugins.k8sbackup.testing;

import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Wraps a storage and makes every write fail once {@code failAfterBytes} bytes were written in total. */
public final class FailingStorage implements BackupStorage {
    private final BackupStorage delegate;
    private final long failAfterBytes;
    private final AtomicLong written = new AtomicLong();

    public FailingStorage(BackupStorage delegate, long failAfterBytes) {
        this.delegate = delegate;
        this.failAfterBytes = failAfterBytes;
    }

    @Override
    public StorageWriter create(String key) throws IOException {
        StorageWriter w = delegate.create(key);
        return new StorageWriter() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written.addAndGet(len) > failAfterBytes) {
                    throw new IOException("simulated storage failure: connection reset");
                }
                w.write(b, off, len);
            }

            @Override
            public void abort() {
                w.abort();
            }

            @Override
            public long bytesWritten() {
                return w.bytesWritten();
            }

            @Override
            public void close() throws IOException {
                if (written.get() > failAfterBytes) {
                    w.abort();
                    throw new IOException("simulated storage failure on close");
                }
                w.close();
            }
        };
    }

    @Override
    public InputStream open(String key) throws IOException {
        return delegate.open(key);
    }

    @Override
    public boolean exists(String key) throws IOException {
        return delegate.exists(key);
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        return delegate.list(prefix);
    }

    @Override
    public List<String> listChildren(String prefix) throws IOException {
        return delegate.listChildren(prefix);
    }

    @Override
    public void deletePrefix(String prefix) throws IOException {
        delegate.deletePrefix(prefix);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
