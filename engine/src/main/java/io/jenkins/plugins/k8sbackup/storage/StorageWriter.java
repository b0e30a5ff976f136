package io.jenkins.plugins.k8sbackup.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A streaming write to one key. {@link #close()} publishes the object (and throws if that fails);
 * {@link #abort()} discards it, after which {@link #close()} is a no-op.
 */
public abstract class StorageWriter extends OutputStream {

    /** Discards everything written so far. Safe to call more than once and after a failure. */
    public abstract void abort();

    /** Bytes accepted so far. */
    public abstract long bytesWritten();
}
