package io.jenkins.plugins.k8sbackup.cli.etcd;

import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import java.io.IOException;
import java.nio.file.Path;

/** Opens the --storage location of the etcd commands. */
final class EtcdStorage {
    private EtcdStorage() {}

    static BackupStorage openStorage(String uri) throws IOException {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("--storage is required, e.g. file:///var/backups or s3://bucket/prefix");
        }
        return new io.jenkins.plugins.k8sbackup.ops.StorageTarget(uri).open();
    }
}
