package io.jenkins.plugins.k8sbackup.archive;

import io.jenkins.plugins.k8sbackup.crypto.DecryptingInputStream;
import io.jenkins.plugins.k8sbackup.crypto.EncryptingOutputStream;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The encryption of one type's archive from format 3 on: the compressed archive goes through segmented AES-256-GCM
 * ({@link EncryptingOutputStream}), each segment bound by {@link EntryBinding#archiveAssociatedData} to the backup,
 * the type and the archive's key. {@code archive} is the archive's key within the backup; it names it in messages.
 */
public record ArchiveSealing(EncryptionKey key, byte[] associatedData, String archive, String mismatchHint) {
    public static ArchiveSealing of(EntryBinding binding, EncryptionKey key, String resource, String archive) {
        return new ArchiveSealing(key, binding.archiveAssociatedData(resource, archive), archive, binding.mismatchHint());
    }

    EncryptingOutputStream seal(OutputStream out) throws IOException {
        return new EncryptingOutputStream(out, key, associatedData);
    }

    /** The whole archive, decrypted; a wrong key, tampering or truncation fails when read. */
    InputStream open(InputStream sealed) throws IOException {
        return new DecryptingInputStream(sealed, key, associatedData, archive, mismatchHint);
    }

    /** The archive from the segment that starts {@code offset} bytes into it, numbered {@code segment}. */
    InputStream openAt(InputStream sealed, long offset, int segment) throws IOException {
        return DecryptingInputStream.fromSegment(sealed, key, associatedData, archive, mismatchHint, offset, segment);
    }
}
