package io.jenkins.plugins.k8sbackup.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The segment scheme shared by the streaming encrypter and decrypter: each segment is sealed on its own
 * with nonce = 8-byte stream prefix + 4-byte segment counter, and its associated data ends with a "last"
 * flag, so reordering, truncation and appending are all detected.
 */
final class SegmentedGcm {
    static final byte[] MAGIC = {'K', '8', 'B', 'S'};
    static final int PREFIX_BYTES = 8;
    static final int SEGMENT_PLAINTEXT = 1 << 20;
    static final int TAG_BYTES = 16;

    private SegmentedGcm() {}

    static byte[] seal(int mode, EncryptionKey key, byte[] prefix, int counter, boolean last, String aad,
                       byte[] input, int offset, int length) throws GeneralSecurityException {
        byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt(counter).array();
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key.secretKey(), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        c.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
        return c.doFinal(input, offset, length);
    }
}
