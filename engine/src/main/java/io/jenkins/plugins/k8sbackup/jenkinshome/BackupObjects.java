package io.jenkins.plugins.k8sbackup.jenkinshome;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import io.jenkins.plugins.k8sbackup.crypto.AesGcm;
import io.jenkins.plugins.k8sbackup.crypto.DecryptingInputStream;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.ReadAheadInputStream;

/**
 * Reads and writes the objects of a JENKINS_HOME backup other than through {@link ArchiveWriter}. The storage key
 * is the associated data of every encryption, so an encrypted object cannot be swapped for another unnoticed.
 */
final class BackupObjects {
    private BackupObjects() {}

    static long writeIndex(BackupStorage storage, String key, EncryptionKey encryptionKey, FileIndex index)
            throws IOException {
        return writeIndex(storage, key, encryptionKey, Zstd.compress(Json.MAPPER.writeValueAsBytes(index), ArchiveWriter.ZSTD_LEVEL));
    }

    /** Stores an index already compressed (by {@link IndexWriter}); returns the stored size. */
    static long writeIndex(BackupStorage storage, String key, EncryptionKey encryptionKey, byte[] compressed)
            throws IOException {
        byte[] data = compressed;
        if (encryptionKey != null) {
            data = AesGcm.encrypt(encryptionKey, data, key);
        }
        storage.write(key, data);
        return data.length;
    }

    static FileIndex readIndex(BackupStorage storage, String key, EncryptionKey encryptionKey) throws IOException {
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(readIndexBytes(storage, key, encryptionKey)))) {
            return Json.MAPPER.readValue(in, FileIndex.class);
        }
    }

    /** The index's files one at a time (see {@link IndexFiles}). */
    static IndexFiles streamIndex(BackupStorage storage, String key, EncryptionKey encryptionKey) throws IOException {
        return new IndexFiles(readIndexBytes(storage, key, encryptionKey));
    }

    /** The index's zstd-compressed JSON, decrypted when it is encrypted. */
    private static byte[] readIndexBytes(BackupStorage storage, String key, EncryptionKey encryptionKey)
            throws IOException {
        byte[] data = storage.read(key);
        if (AesGcm.isEncrypted(data)) {
            if (encryptionKey == null) {
                throw new JenkinsHomeException(key + " is encrypted: give the backup's encryption key");
            }
            data = AesGcm.decrypt(encryptionKey, data, key);
        }
        return data;
    }

    /** Bytes decompressed ahead of the reader, twice (the one being read and the next). */
    static final int READ_AHEAD = 1 << 20;

    /**
     * The archive's tar stream; decrypts when the archive is encrypted. Reading, decrypting and decompressing run on
     * a thread of their own, {@link #READ_AHEAD} bytes ahead, while the caller checks and writes the files: the
     * restore no longer waits for zstd between files (memory: two such buffers).
     */
    static TarArchiveInputStream openArchive(BackupStorage storage, String key, EncryptionKey encryptionKey)
            throws IOException {
        InputStream raw = new BufferedInputStream(storage.open(key), 1 << 17);
        try {
            InputStream plain = encryptionKey == null ? raw : new DecryptingInputStream(raw, encryptionKey, key);
            return new TarArchiveInputStream(new ReadAheadInputStream(new ZstdInputStream(plain), READ_AHEAD));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
