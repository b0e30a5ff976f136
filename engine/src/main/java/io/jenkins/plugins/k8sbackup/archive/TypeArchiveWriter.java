package io.jenkins.plugins.k8sbackup.archive;

import com.github.luben.zstd.ZstdOutputStream;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Streams one resource type's objects into a tar+zstd archive on its way to storage. */
public final class TypeArchiveWriter implements AutoCloseable {
    private final StorageWriter target;
    private final Sha256.DigestingOutputStream digest;
    private final TarArchiveOutputStream tar;
    /** One header, renamed for each object: a new entry reads the user.name property and the clock every time. */
    private final TarArchiveEntry entry = new TarArchiveEntry("entry");
    private boolean finished;

    public TypeArchiveWriter(StorageWriter target, Instant mtime) throws IOException {
        this.target = target;
        // whole seconds: a fractional mtime makes commons-compress write a PAX header block before every entry
        entry.setModTime(mtime.getEpochSecond() * 1000);
        entry.setMode(0644);
        entry.setUserName("");
        this.digest = new Sha256.DigestingOutputStream(target);
        OutputStream zstd = new ZstdOutputStream(digest, 1);
        this.tar = new TarArchiveOutputStream(zstd, 1 << 16);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    public void add(String path, byte[] content) throws IOException {
        entry.setName(path);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** Finishes the archive and publishes it; returns the stored size and SHA-256. */
    public StoredFile finish() throws IOException {
        finished = true;
        try {
            tar.finish();
            tar.close();
        } catch (IOException e) {
            target.abort();
            throw e;
        }
        return new StoredFile(digest.count(), digest.hex());
    }

    @Override
    public void close() {
        if (!finished) {
            target.abort();
        }
    }

    public record StoredFile(long size, String sha256) {}
}
