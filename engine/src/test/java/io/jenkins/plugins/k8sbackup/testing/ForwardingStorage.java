package io.jenkins.plugins.k8sbackup.testing;

import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Passes every call to a real storage; fault-injecting test storages override only what they break. */
public abstract class ForwardingStorage implements BackupStorage {
    protected final BackupStorage delegate;

    protected ForwardingStorage(BackupStorage delegate) {
        this.delegate = delegate;
    }

    @Override
    public StorageWriter create(String key) throws IOException {
        return delegate.create(key);
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
    public boolean createExclusive(String key, byte[] content) throws IOException {
        return delegate.createExclusive(key, content);
    }

    @Override
    public List<StoredObject> listUnfinished(String prefix) throws IOException {
        return delegate.listUnfinished(prefix);
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
