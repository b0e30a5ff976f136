package io.jenkins.plugins.k8sbackup.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The segment scheme shared by the streaming encrypter and decrypter: each segment is sealed on its own
 * with nonce = 8-byte stream prefix + 4-byte segment counter, and its associated data ends with a "last"
 * flag, so reordering, truncation and appending are all detected. Stream layout: "K8BS", version 1, the 8-byte prefix,
 * then per segment its sealed length (4 bytes, big-endian) and the sealed bytes (ciphertext and 16-byte tag).
 */
final class SegmentedGcm {
    static final byte[] MAGIC = {'K', '8', 'B', 'S'};
    static final int PREFIX_BYTES = 8;
    static final int SEGMENT_PLAINTEXT = 1 << 20;
    static final int TAG_BYTES = 16;
    /** Magic, version and prefix: where the first segment starts. */
    static final int HEADER_BYTES = MAGIC.length + 1 + PREFIX_BYTES;

    private SegmentedGcm() {}

    /**
     * Encryption feeds the cipher this much at a time. The JDK's AES-GCM runs at its speed (1-2 GB/s with the AES and
     * GHASH intrinsics) only once C2 has compiled its inner methods, and the JIT counts calls: one call per 1 MiB
     * segment left it interpreted for the first 60-80 MiB of a run (20-30 MB/s), 1 KiB calls get it compiled within
     * the first few MiB. The cost per call at full speed is small (EncryptedSizeBench, docs/storage-layout.md).
     */
    static final int ENCRYPT_CHUNK = 1024;

    /**
     * Direct buffers of one thread, reused for decryption: the JDK 17 AES-GCM decrypter holds all of a segment until
     * its tag is checked, so feeding it in chunks does not help; from a 1 MiB heap array it ran at about 7 MB/s here,
     * through direct buffers at 100-200 MB/s until compiled, then at full speed (its direct path works in pieces).
     */
    private static final ThreadLocal<ByteBuffer[]> BUFFERS = ThreadLocal.withInitial(() -> new ByteBuffer[] {
            ByteBuffer.allocateDirect(SEGMENT_PLAINTEXT + TAG_BYTES), ByteBuffer.allocateDirect(SEGMENT_PLAINTEXT + TAG_BYTES)});

    static byte[] seal(int mode, EncryptionKey key, byte[] prefix, int counter, boolean last, byte[] aad,
                       byte[] input, int offset, int length) throws GeneralSecurityException {
        byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt(counter).array();
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key.secretKey(), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        c.updateAAD(aad);
        c.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
        return mode == Cipher.ENCRYPT_MODE ? encryptInChunks(c, input, offset, length) : decrypt(c, input, offset, length);
    }

    private static byte[] encryptInChunks(Cipher c, byte[] input, int offset, int length) throws GeneralSecurityException {
        byte[] out = new byte[c.getOutputSize(length)];
        int written = 0;
        for (int done = 0; done < length; done += ENCRYPT_CHUNK) {
            written += c.update(input, offset + done, Math.min(ENCRYPT_CHUNK, length - done), out, written);
        }
        written += c.doFinal(out, written);
        return written == out.length ? out : Arrays.copyOf(out, written);
    }

    private static byte[] decrypt(Cipher c, byte[] input, int offset, int length) throws GeneralSecurityException {
        ByteBuffer[] buffers = BUFFERS.get();
        if (buffers[0].capacity() < length || buffers[1].capacity() < c.getOutputSize(length)) {
            return c.doFinal(input, offset, length); // larger than any segment this class writes
        }
        ByteBuffer in = buffers[0].clear();
        ByteBuffer out = buffers[1].clear();
        in.put(input, offset, length).flip();
        c.doFinal(in, out);
        byte[] result = new byte[out.flip().remaining()];
        out.get(result);
        return result;
    }
}
