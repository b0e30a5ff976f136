package io.jenkins.plugins.k8sbackup.crypto;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Streaming AES-256-GCM in 1 MiB segments (see {@link SegmentedGcm}), for files too large to hold in
 * memory: JENKINS_HOME archives, etcd snapshots. Memory use is one segment whatever the size.
 */
public final class EncryptingOutputStream extends FilterOutputStream {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final EncryptionKey key;
    private final byte[] aad;
    private final byte[] prefix = new byte[SegmentedGcm.PREFIX_BYTES];
    private final byte[] buffer = new byte[SegmentedGcm.SEGMENT_PLAINTEXT];
    private int filled;
    private int counter;
    private boolean closed;

    public EncryptingOutputStream(OutputStream out, EncryptionKey key, String associatedData) throws IOException {
        this(out, key, associatedData.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public EncryptingOutputStream(OutputStream out, EncryptionKey key, byte[] associatedData) throws IOException {
        super(out);
        this.key = key;
        this.aad = associatedData;
        RANDOM.nextBytes(prefix);
        out.write(SegmentedGcm.MAGIC);
        out.write(1);
        out.write(prefix);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (filled == buffer.length) {
                emit(false);
            }
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    /**
     * Seals what was written since the last segment as a segment of its own (nothing when nothing was), so that what
     * is written next starts a segment: a reader can start there (see {@link DecryptingInputStream#fromSegment}).
     * Returns the number of the segment that comes next.
     */
    public int endSegment() throws IOException {
        if (filled > 0) {
            emit(false);
        }
        return counter;
    }

    private void emit(boolean last) throws IOException {
        try {
            byte[] sealed = SegmentedGcm.seal(javax.crypto.Cipher.ENCRYPT_MODE, key, prefix, counter++, last, aad,
                    buffer, 0, filled);
            out.write(ByteBuffer.allocate(4).putInt(sealed.length).array());
            out.write(sealed);
            filled = 0;
        } catch (GeneralSecurityException e) {
            throw new IOException("encryption failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        emit(true);
        super.close();
    }
}
