package io.jenkins.plugins.k8sbackup.jenkins.engine;

import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Keys;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.storage.S3Credentials;
import io.jenkins.plugins.k8sbackup.storage.StorageFactory;
import java.io.IOException;
import java.nio.file.Path;

/** The only place that turns a resolved location into engine storage, so the S3 credential hand-over lives in one spot. */
public final class EngineStorage {
    private EngineStorage() {}

    public static StorageTarget directory(Path dir) {
        return new StorageTarget(dir.toAbsolutePath().toString());
    }

    /**
     * For operations that take the engine's {@link StorageTarget} (k8sBackup): it carries only the URI, so S3 works
     * there with the agent's default AWS credentials only, until StorageTarget carries a key pair.
     */
    public static StorageTarget s3(String uri, S3Keys keys) {
        return new StorageTarget(uri);
    }

    public static BackupStorage openDirectory(Path dir) throws IOException {
        return new LocalDirectoryStorage(dir.toAbsolutePath());
    }

    /** S3 with the key pair resolved on the controller; null keys: the SDK default chain where this runs. */
    public static BackupStorage openS3(String uri, S3Keys keys) throws IOException {
        S3Credentials credentials = keys == null ? null : S3Credentials.of(keys.accessKeyId(), keys.secretKey(), keys.sessionToken());
        return StorageFactory.open(uri, credentials);
    }
}
