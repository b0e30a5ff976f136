package io.jenkins.plugins.k8sbackup.ops;

import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;

/**
 * A storage location that can travel from the Jenkins controller to an agent: its URI and, for S3, the
 * credentials resolved on the controller.
 */
public final class StorageTarget implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String uri;

    public StorageTarget(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    // TODO(lead): delegate to storage.StorageFactory once the S3 branch lands.
    public BackupStorage open() throws IOException {
        if (uri.startsWith("file:")) {
            return new LocalDirectoryStorage(Path.of(URI.create(uri)));
        }
        if (!uri.contains("://")) {
            return new LocalDirectoryStorage(Path.of(uri));
        }
        throw new IllegalArgumentException("unsupported storage URI " + uri);
    }

    @Override
    public String toString() {
        return uri;
    }
}
