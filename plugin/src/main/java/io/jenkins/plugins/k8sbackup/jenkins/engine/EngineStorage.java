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

    /**
     * TODO(storage branch): pass {@code keys} (null = SDK default chain) once {@link StorageTarget} carries S3
     * credentials; until then the engine's StorageTarget does not open s3:// URIs at all.
     */
    public static StorageTarget s3(String uri, S3Keys keys) {
        return new StorageTarget(uri);
    }
}
