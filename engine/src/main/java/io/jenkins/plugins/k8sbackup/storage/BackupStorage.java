package io.jenkins.plugins.k8sbackup.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where backups live: a local directory or an S3 bucket prefix. Keys are relative, '/'-separated
 * ("backups/nightly-1/manifest.json") and never start with '/'.
 *
 * <p>Writes are all-or-nothing per key: an object becomes visible only when {@link StorageWriter#close()}
 * returns, and {@link StorageWriter#abort()} leaves nothing behind. Backup-level atomicity is built on top
 * of that by writing the manifest last (see {@code catalog.BackupCatalog}).
 */
public interface BackupStorage extends Closeable {

    /** Starts a streaming write of unknown length. */
    StorageWriter create(String key) throws IOException;

    /** Opens a stored object; a missing key throws {@link java.io.FileNotFoundException}. */
    InputStream open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** Every object whose key starts with {@code prefix}, recursively, in key order. */
    List<StoredObject> list(String prefix) throws IOException;

    /** The immediate "sub-directories" below {@code prefix} (which ends with '/'), without the trailing '/'. */
    List<String> listChildren(String prefix) throws IOException;

    /**
     * Deletes every object below {@code prefix}, and every unfinished write there (see {@link #listUnfinished});
     * missing objects are not an error.
     */
    void deletePrefix(String prefix) throws IOException;

    /**
     * Stores {@code content} under {@code key} only if no object is there yet, in one step that no other writer
     * can interleave with: true when this call created the object, false when the key already existed (whatever
     * it holds). Name claims and leases rest on it (see {@code catalog.BackupLocks}); docs/storage-layout.md says
     * how strong the guarantee is on each store.
     */
    boolean createExclusive(String key, byte[] content) throws IOException;

    /**
     * Writes started below {@code prefix} that never finished: the temporary file of a writer that was killed, an
     * incomplete multipart upload. Never readable and never in {@link #list}, but they take space;
     * {@link #deletePrefix} removes them. Sizes are what is stored so far, where the store says.
     */
    List<StoredObject> listUnfinished(String prefix) throws IOException;

    /** A printable location, never containing credentials. */
    String describe();

    default void write(String key, byte[] content) throws IOException {
        try (StorageWriter w = create(key)) {
            try {
                w.write(content);
            } catch (IOException | RuntimeException e) {
                w.abort();
                throw e;
            }
        }
    }

    default byte[] read(String key) throws IOException {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        }
    }
}
