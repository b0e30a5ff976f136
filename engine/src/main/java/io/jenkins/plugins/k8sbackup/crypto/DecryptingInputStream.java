package io.jenkins.plugins.k8sbackup.crypto;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;

/** Reads what {@link EncryptingOutputStream} wrote; a wrong key, tampering or truncation fails loudly. */
public final class DecryptingInputStream extends InputStream {
    private final DataInputStream in;
    private final EncryptionKey key;
    private final byte[] aad;
    /** Names the stream in messages (the associated data may not be printable). */
    private final String what;
    /** What a failed tag can mean beyond a wrong key or tampering, for messages. */
    private final String mismatchHint;
    private final byte[] prefix = new byte[SegmentedGcm.PREFIX_BYTES];
    private byte[] segment = new byte[0];
    private int position;
    private int counter;
    private boolean sawLast;

    public DecryptingInputStream(InputStream in, EncryptionKey key, String associatedData) throws IOException {
        this(in, key, associatedData.getBytes(java.nio.charset.StandardCharsets.UTF_8), associatedData, "");
    }

    /** {@code what} names the stream in messages; {@code mismatchHint} says what else a failed tag can mean. */
    public DecryptingInputStream(InputStream in, EncryptionKey key, byte[] associatedData, String what, String mismatchHint)
            throws IOException {
        this.in = new DataInputStream(in);
        this.key = key;
        this.aad = associatedData;
        this.what = what;
        this.mismatchHint = mismatchHint;
        byte[] magic = new byte[SegmentedGcm.MAGIC.length + 1];
        try {
            this.in.readFully(magic);
        } catch (EOFException e) {
            throw new DecryptionException(what + ": not an encrypted k8s-backup stream");
        }
        if (!Arrays.equals(magic, 0, 4, SegmentedGcm.MAGIC, 0, 4) || magic[4] != 1) {
            throw new DecryptionException(what + ": not an encrypted k8s-backup stream");
        }
        try {
            this.in.readFully(prefix);
        } catch (EOFException e) {
            throw new DecryptionException(what + ": encrypted stream is truncated");
        }
    }

    /**
     * Reads a stream from its segment {@code segment}, which starts {@code offset} bytes into it (as
     * {@link EncryptingOutputStream#endSegment()} left it): the header is read, the segments before are skipped
     * unread and undecrypted. A wrong offset or number fails to decrypt.
     */
    public static DecryptingInputStream fromSegment(InputStream in, EncryptionKey key, byte[] associatedData, String what,
                                                    String mismatchHint, long offset, int segment) throws IOException {
        if (offset < SegmentedGcm.HEADER_BYTES || segment < 0) {
            throw new DecryptionException(what + ": no segment starts at " + offset);
        }
        DecryptingInputStream s = new DecryptingInputStream(in, key, associatedData, what, mismatchHint);
        try {
            s.in.skipNBytes(offset - SegmentedGcm.HEADER_BYTES);
        } catch (EOFException e) {
            throw new DecryptionException(what + ": encrypted stream is truncated");
        }
        s.counter = segment;
        return s;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (position == segment.length) {
            if (sawLast) {
                return -1;
            }
            nextSegment();
        }
        int n = Math.min(len, segment.length - position);
        System.arraycopy(segment, position, b, off, n);
        position += n;
        return n;
    }

    private void nextSegment() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new DecryptionException(what + ": encrypted stream is truncated");
        }
        if (length < SegmentedGcm.TAG_BYTES || length > SegmentedGcm.SEGMENT_PLAINTEXT + SegmentedGcm.TAG_BYTES) {
            throw new DecryptionException(what + ": encrypted stream is corrupt (segment length " + length + ")");
        }
        byte[] sealed = new byte[length];
        try {
            in.readFully(sealed);
        } catch (EOFException e) {
            throw new DecryptionException(what + ": encrypted stream is truncated");
        }
        int index = counter++;
        try {
            segment = open(sealed, index, false);
        } catch (AEADBadTagException notMiddle) {
            try {
                segment = open(sealed, index, true);
                sawLast = true;
            } catch (AEADBadTagException e) {
                throw new DecryptionException(what + ": decryption failed: wrong key (fingerprint "
                        + key.fingerprint() + ") or tampered data" + mismatchHint);
            }
        }
        position = 0;
        if (sawLast && in.read() >= 0) {
            throw new DecryptionException(what + ": data after the end of the encrypted stream");
        }
    }

    private byte[] open(byte[] sealed, int index, boolean last) throws AEADBadTagException {
        try {
            return SegmentedGcm.seal(Cipher.DECRYPT_MODE, key, prefix, index, last, aad, sealed, 0, sealed.length);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
