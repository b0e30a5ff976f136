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
    private final String aad;
    private final byte[] prefix = new byte[SegmentedGcm.PREFIX_BYTES];
    private byte[] segment = new byte[0];
    private int position;
    private int counter;
    private boolean sawLast;

    public DecryptingInputStream(InputStream in, EncryptionKey key, String associatedData) throws IOException {
        this.in = new DataInputStream(in);
        this.key = key;
        this.aad = associatedData;
        byte[] magic = new byte[SegmentedGcm.MAGIC.length + 1];
        try {
            this.in.readFully(magic);
        } catch (EOFException e) {
            throw new DecryptionException(associatedData + ": not an encrypted k8s-backup stream");
        }
        if (!Arrays.equals(magic, 0, 4, SegmentedGcm.MAGIC, 0, 4) || magic[4] != 1) {
            throw new DecryptionException(associatedData + ": not an encrypted k8s-backup stream");
        }
        this.in.readFully(prefix);
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
            throw new DecryptionException(aad + ": encrypted stream is truncated");
        }
        if (length < SegmentedGcm.TAG_BYTES || length > SegmentedGcm.SEGMENT_PLAINTEXT + SegmentedGcm.TAG_BYTES) {
            throw new DecryptionException(aad + ": encrypted stream is corrupt (segment length " + length + ")");
        }
        byte[] sealed = new byte[length];
        try {
            in.readFully(sealed);
        } catch (EOFException e) {
            throw new DecryptionException(aad + ": encrypted stream is truncated");
        }
        int index = counter++;
        try {
            segment = open(sealed, index, false);
        } catch (AEADBadTagException notMiddle) {
            try {
                segment = open(sealed, index, true);
                sawLast = true;
            } catch (AEADBadTagException e) {
                throw new DecryptionException(aad + ": decryption failed: wrong key (fingerprint "
                        + key.fingerprint() + ") or tampered data");
            }
        }
        position = 0;
        if (sawLast && in.read() >= 0) {
            throw new DecryptionException(aad + ": data after the end of the encrypted stream");
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
