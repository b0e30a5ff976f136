package io.jenkins.plugins.k8sbackup.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * Sealing a segment in 1 KiB pieces (for the JIT's sake) must give exactly the bytes one AES-GCM call gives, at every
 * length around the piece size, and a stream of several segments must read back whole.
 */
class SegmentedGcmTest {
    private static final EncryptionKey KEY = EncryptionKey.ofBytes(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    private static final byte[] PREFIX = {9, 8, 7, 6, 5, 4, 3, 2};
    private static final byte[] AAD = "resources/configmaps.tar.zst".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealingInPiecesGivesTheBytesOfOneCallAtEveryLength() throws Exception {
        int chunk = SegmentedGcm.ENCRYPT_CHUNK;
        for (int length : new int[] {0, 1, 15, 16, chunk - 1, chunk, chunk + 1, 3 * chunk + 7, SegmentedGcm.SEGMENT_PLAINTEXT}) {
            byte[] plain = random(length + 5, length);
            byte[] sealed = SegmentedGcm.seal(Cipher.ENCRYPT_MODE, KEY, PREFIX, 3, length % 2 == 0, AAD, plain, 5, length);

            assertThat(sealed).as("length %d", length).isEqualTo(oneCall(plain, 5, length, 3, length % 2 == 0));
            assertThat(SegmentedGcm.seal(Cipher.DECRYPT_MODE, KEY, PREFIX, 3, length % 2 == 0, AAD, sealed, 0, sealed.length))
                    .as("length %d", length).isEqualTo(java.util.Arrays.copyOfRange(plain, 5, 5 + length));
        }
    }

    @Test
    void aFlippedBitOrAnotherCounterFailsTheTag() throws Exception {
        byte[] plain = random(5000, 1);
        byte[] sealed = SegmentedGcm.seal(Cipher.ENCRYPT_MODE, KEY, PREFIX, 0, false, AAD, plain, 0, plain.length);

        assertThatThrownBy(() -> SegmentedGcm.seal(Cipher.DECRYPT_MODE, KEY, PREFIX, 1, false, AAD, sealed, 0, sealed.length))
                .isInstanceOf(AEADBadTagException.class);
        sealed[2048] ^= 1;
        assertThatThrownBy(() -> SegmentedGcm.seal(Cipher.DECRYPT_MODE, KEY, PREFIX, 0, false, AAD, sealed, 0, sealed.length))
                .isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void aStreamOfSeveralSegmentsReadsBackWhole() throws Exception {
        byte[] plain = random(SegmentedGcm.SEGMENT_PLAINTEXT * 2 + 12_345, 2);
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (EncryptingOutputStream out = new EncryptingOutputStream(stored, KEY, "etcd/snapshot.db")) {
            for (int off = 0; off < plain.length; off += 7_000) {
                out.write(plain, off, Math.min(7_000, plain.length - off));
            }
        }
        try (DecryptingInputStream in = new DecryptingInputStream(new ByteArrayInputStream(stored.toByteArray()), KEY, "etcd/snapshot.db")) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        byte[] truncated = java.util.Arrays.copyOf(stored.toByteArray(), stored.size() - 100);
        assertThatThrownBy(() -> {
            try (DecryptingInputStream in = new DecryptingInputStream(new ByteArrayInputStream(truncated), KEY, "etcd/snapshot.db")) {
                in.readAllBytes();
            }
        }).isInstanceOf(java.io.IOException.class);
    }

    private static byte[] oneCall(byte[] plain, int offset, int length, int counter, boolean last) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, KEY.secretKey(),
                new GCMParameterSpec(128, ByteBuffer.allocate(12).put(PREFIX).putInt(counter).array()));
        c.updateAAD(AAD);
        c.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
        return c.doFinal(plain, offset, length);
    }

    private static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }
}
