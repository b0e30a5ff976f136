package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The integrity hash etcd embeds in a snapshot. A snapshot from the maintenance API is the bbolt database
 * followed by the 32-byte SHA-256 of the database bytes. etcd recognises the trailer the way
 * {@code etcdctl snapshot restore} does: the file size modulo 512 (bbolt's page granularity) is 32;
 * without it restore demands {@code --skip-hash-check}.
 */
public record SnapshotIntegrity(long size, boolean hasHash, boolean valid, String expectedSha256, String actualSha256) {
    static final int HASH_BYTES = 32;

    /** A printable verdict. */
    public String describe() {
        if (!hasHash) {
            return "no embedded integrity hash (size " + size + " is not a bbolt database plus a 32-byte SHA-256;"
                    + " a raw member/snap/db copy or a truncated download)";
        }
        return valid ? "embedded SHA-256 matches (" + actualSha256 + ")"
                : "embedded SHA-256 does NOT match: snapshot says " + expectedSha256 + ", content hashes to " + actualSha256;
    }

    public boolean ok() {
        return hasHash && valid;
    }

    /**
     * Passes bytes through and checks the trailer on the fly: everything except the last 32 bytes seen is
     * hashed, so no second pass over a multi-GiB file is needed.
     */
    static final class Check extends FilterOutputStream {
        private final MessageDigest digest = Sha256.newDigest();
        private final byte[] tail = new byte[HASH_BYTES];
        private int tailLength;
        private long size;

        Check(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            size += len;
            if (len >= HASH_BYTES) {
                digest.update(tail, 0, tailLength);
                digest.update(b, off, len - HASH_BYTES);
                System.arraycopy(b, off + len - HASH_BYTES, tail, 0, HASH_BYTES);
                tailLength = HASH_BYTES;
                return;
            }
            int overflow = tailLength + len - HASH_BYTES;
            if (overflow > 0) {
                digest.update(tail, 0, overflow);
                System.arraycopy(tail, overflow, tail, 0, tailLength - overflow);
                tailLength -= overflow;
            }
            System.arraycopy(b, off, tail, tailLength, len);
            tailLength += len;
        }

        SnapshotIntegrity result() {
            boolean hasHash = size % 512 == HASH_BYTES;
            if (!hasHash) {
                return new SnapshotIntegrity(size, false, false, null, null);
            }
            String expected = HexFormat.of().formatHex(Arrays.copyOf(tail, HASH_BYTES));
            String actual = HexFormat.of().formatHex(digest.digest());
            return new SnapshotIntegrity(size, true, expected.equals(actual), expected, actual);
        }
    }
}
