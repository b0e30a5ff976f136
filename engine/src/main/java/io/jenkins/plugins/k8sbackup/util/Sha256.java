package io.jenkins.plugins.k8sbackup.util;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers: of bytes, and of everything written through a stream. */
public final class Sha256 {
    private Sha256() {}

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One digest per thread: looking up the provider for every object of a backup costs more than hashing it. */
    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(Sha256::newDigest);

    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(PER_THREAD.get().digest(data));
    }

    /** Counts and hashes what passes through, e.g. a whole archive on its way to storage. */
    public static final class DigestingOutputStream extends FilterOutputStream {
        private final MessageDigest digest = newDigest();
        private long count;

        public DigestingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        public long count() {
            return count;
        }

        public String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
