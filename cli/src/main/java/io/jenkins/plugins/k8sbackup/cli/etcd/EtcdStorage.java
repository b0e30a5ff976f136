package io.jenkins.plugins.k8sbackup.cli.etcd;

import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Opens the --storage location of the etcd commands. */
final class EtcdStorage {
    private EtcdStorage() {}

    // TODO(lead): replace with the shared StorageFactory (s3://, file://, paths) once it is merged.
    static BackupStorage openStorage(String uri) throws IOException {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("--storage is required, e.g. file:///var/backups or /var/backups");
        }
        if (uri.startsWith("file:")) {
            return new LocalDirectoryStorage(Path.of(URI.create(uri)));
        }
        if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("storage '" + uri + "' is not supported by etcd commands yet; use a directory");
        }
        return new LocalDirectoryStorage(Path.of(uri));
    }
}
