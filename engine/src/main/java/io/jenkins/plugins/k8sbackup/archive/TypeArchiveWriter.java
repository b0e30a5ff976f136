package io.jenkins.plugins.k8sbackup.archive;

import com.github.luben.zstd.Zstd;
import io.jenkins.plugins.k8sbackup.crypto.EncryptingOutputStream;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Streams one resource type's objects into a tar+zstd archive on its way to storage (format 3): the tar is cut at
 * entry boundaries into frames of about {@value #FRAME_TAR_BYTES} bytes, each compressed as a zstd frame of its own
 * (their concatenation is an ordinary .tar.zst), and with {@link ArchiveSealing} encrypted after compression, each
 * frame starting a segment. {@link #add} says where its object's frame starts, so one object can be read without
 * decompressing or decrypting the rest.
 */
public final class TypeArchiveWriter implements AutoCloseable {
    /** Tar bytes per zstd frame: large enough that restarting the compressor costs little, small enough to seek. */
    static final int FRAME_TAR_BYTES = 1 << 20;
    private static final int ZSTD_LEVEL = 1;
    private static final int TAR_RECORD = 512;
    private final StorageWriter target;
    private final Sha256.DigestingOutputStream digest;
    private final OutputStream sink;
    private final EncryptingOutputStream sealed;
    private final FrameBuffer frame = new FrameBuffer();
    private final TarArchiveOutputStream tar;
    /** One header, renamed for each object: a new entry reads the user.name property and the clock every time. */
    private final TarArchiveEntry entry = new TarArchiveEntry("entry");
    private long frameOffset;
    private int frameSegment;
    private boolean finished;

    /** {@code sealing}: null for an archive that is only compressed. */
    public TypeArchiveWriter(StorageWriter target, Instant mtime, ArchiveSealing sealing) throws IOException {
        this.target = target;
        // whole seconds: a fractional mtime makes commons-compress write a PAX header block before every entry
        entry.setModTime(mtime.getEpochSecond() * 1000);
        entry.setMode(0644);
        entry.setUserName("");
        this.digest = new Sha256.DigestingOutputStream(target);
        this.sealed = sealing == null ? null : sealing.seal(digest);
        this.sink = sealed == null ? digest : sealed;
        this.frameOffset = digest.count();
        // blocks of one record: every entry reaches the frame buffer whole when it is closed
        this.tar = new TarArchiveOutputStream(frame, TAR_RECORD);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Where a stored object's frame starts: its offset in the stored archive and its segment (frame) number. */
    public record Placement(long frameOffset, int frameSegment) {}

    public Placement add(String path, byte[] content) throws IOException {
        if (frame.size() >= FRAME_TAR_BYTES) {
            endFrame();
        }
        Placement at = new Placement(frameOffset, frameSegment);
        entry.setName(path);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
        return at;
    }

    private void endFrame() throws IOException {
        if (frame.size() == 0) {
            return;
        }
        sink.write(Zstd.compress(frame.toByteArray(), ZSTD_LEVEL));
        frame.reset();
        frameSegment = sealed == null ? frameSegment + 1 : sealed.endSegment();
        frameOffset = digest.count();
    }

    /** Finishes the archive and publishes it; returns the stored size and SHA-256. */
    public StoredFile finish() throws IOException {
        finished = true;
        try {
            tar.finish();
            endFrame();
            sink.close(); // an encrypted archive ends with its last segment; closing publishes
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

    /** The tar bytes of the frame being filled. */
    private static final class FrameBuffer extends ByteArrayOutputStream {
        FrameBuffer() {
            super(FRAME_TAR_BYTES + (64 << 10));
        }
    }
}
