package io.jenkins.plugins.k8sbackup.jenkins.engine;

import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Keys;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import java.nio.file.Path;

/** The only place that builds the engine's {@link StorageTarget}, so the S3 credential hand-over lives in one spot. */
public final class EngineStorage {
    private EngineStorage() {}

    public static StorageTarget directory(Path dir) {
        return new StorageTarget(dir.toAbsolutePath().toString());
    }

    /** S3 with the key pair resolved on the controller; null keys: the AWS default chain where the target is opened. */
    public static StorageTarget s3(String uri, S3Keys keys) {
        return keys == null ? new StorageTarget(uri) : StorageTarget.withKeys(uri, keys.accessKeyId(), keys.secretKey(), keys.sessionToken());
    }
}
