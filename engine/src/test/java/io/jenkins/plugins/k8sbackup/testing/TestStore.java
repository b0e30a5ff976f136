package io.jenkins.plugins.k8sbackup.testing;

import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.S3KeyPair;
import io.jenkins.plugins.k8sbackup.storage.S3ProxyFixture;
import io.jenkins.plugins.k8sbackup.storage.StorageFactory;
import io.jenkins.plugins.k8sbackup.storage.StorageUri;
import java.io.IOException;
import java.nio.file.Path;

/** The stores that tests of several runs sharing a location run against: a directory, and S3 (an s3proxy). */
public enum TestStore {
    DIRECTORY, S3;

    /** A fresh location: {@code dir}/store, or a prefix of the proxy's bucket no other test uses. */
    public String uri(Path dir, S3ProxyFixture s3) {
        return this == DIRECTORY ? dir.resolve("store").toUri().toString() : s3.uniqueUri();
    }

    public BackupStorage open(String uri, S3ProxyFixture s3) throws IOException {
        return StorageFactory.open(uri, s3.credentials());
    }

    /** The location as the operations (restore, diff, verify) take it, with the proxy's key for S3. */
    public StorageTarget target(String uri) {
        return this == DIRECTORY ? StorageTarget.parse(uri) : StorageTarget.withKeys(StorageUri.parse(uri),
                new S3KeyPair(S3ProxyFixture.IDENTITY, S3ProxyFixture.CREDENTIAL, null, "the test proxy's key"));
    }
}
