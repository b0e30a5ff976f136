package io.jenkins.plugins.k8sbackup.jenkinshome;

import com.github.luben.zstd.ZstdOutputStream;
import io.jenkins.plugins.k8sbackup.crypto.EncryptingOutputStream;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * tar -> zstd -> (AES-256-GCM segments) -> storage, streamed: memory use is a few buffers whatever the home's size.
 * The object is published by {@link #publish()} only; {@link #abort()} leaves nothing behind.
 */
final class ArchiveWriter implements AutoCloseable {
    static final int ZSTD_LEVEL = 3;
    /**
     * zstd compresses on its own threads while this one reads, hashes and tars the next files: compression is the
     * largest CPU cost of a backup, so on 2+ cores it no longer waits in line behind reading. Level and output
     * format are unchanged (multi-threaded zstd writes ordinary frames).
     */
    static final int ZSTD_WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private final StorageWriter writer;
    private final Sha256.DigestingOutputStream digest;
    private final TarArchiveOutputStream tar;
    private boolean finished;

    ArchiveWriter(BackupStorage storage, String key, EncryptionKey encryptionKey) throws IOException {
        writer = storage.create(key);
        try {
            digest = new Sha256.DigestingOutputStream(writer);
            OutputStream sink = encryptionKey == null ? digest : new EncryptingOutputStream(digest, encryptionKey, key);
            ZstdOutputStream zstd = new ZstdOutputStream(new BufferedOutputStream(sink, 1 << 17), ZSTD_LEVEL);
            if (ZSTD_WORKERS > 1) {
                zstd.setWorkers(ZSTD_WORKERS);
            }
            tar = new TarArchiveOutputStream(new BufferedOutputStream(zstd, 1 << 17));
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
        } catch (IOException | RuntimeException e) {
            writer.abort();
            throw e;
        }
    }

    /** Starts an entry of exactly {@code size} bytes; write them to {@link #body()}, then {@link #closeEntry()}. */
    void openEntry(String rel, long size, int mode, long mtimeMillis) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(rel);
        e.setSize(size);
        e.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | (mode < 0 ? 0644 : mode));
        // whole seconds, as plain tar: a fraction would add a PAX header to every entry (bigger, slower to write and
        // read); restore sets the index's millisecond mtime
        e.setModTime(Math.floorDiv(mtimeMillis, 1000L) * 1000L);
        tar.putArchiveEntry(e);
    }

    OutputStream body() {
        return tar;
    }

    void closeEntry() throws IOException {
        tar.closeArchiveEntry();
    }

    void putBytes(String rel, byte[] data, int length, int mode, long mtimeMillis) throws IOException {
        openEntry(rel, length, mode, mtimeMillis);
        tar.write(data, 0, length);
        closeEntry();
    }

    /** Finishes and publishes the object; returns its stored size. */
    long publish() throws IOException {
        try {
            tar.finish();
            tar.close();
            finished = true;
            return digest.count();
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** SHA-256 of the stored (compressed, possibly encrypted) bytes; after {@link #publish()}. */
    String storedSha256() {
        return digest.hex();
    }

    void abort() {
        finished = true;
        writer.abort();
        try {
            tar.close();
        } catch (IOException | RuntimeException ignored) {
            // the writer is aborted: nothing of this object will be visible
        }
    }

    @Override
    public void close() {
        if (!finished) {
            abort();
        }
    }
}
