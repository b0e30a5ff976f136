package io.jenkins.plugins.k8sbackup.storage;

import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import java.io.IOException;

/** Opens the storage a {@link StorageLocation} names (see docs/storage-uris.md). */
public final class StorageFactory {
    private StorageFactory() {}

    /**
     * @param uri a storage URI as the CLI takes it, parsed by {@link StorageUri}
     * @param credentials used for S3 only; null means the SDK default chain
     * @throws IllegalArgumentException for a malformed URI
     * @throws StorageException when the location cannot be used (missing bucket, access denied, unreachable)
     */
    public static BackupStorage open(String uri, S3Credentials credentials) throws IOException {
        return open(StorageUri.parse(uri), credentials);
    }

    /** Opens the location; a missing local directory is created (for writers). S3 goes through this process' proxies. */
    public static BackupStorage open(StorageLocation location, S3Credentials credentials) throws IOException {
        return open(location, credentials, null);
    }

    /** {@code proxies}: S3 through the proxies of a given environment (a build's); null: this process'. */
    public static BackupStorage open(StorageLocation location, S3Credentials credentials, ProxySettings proxies) throws IOException {
        if (location instanceof StorageLocation.S3 s3) {
            S3Credentials creds = credentials != null ? credentials : S3Credentials.defaultChain();
            return proxies == null ? S3Storage.open(s3, creds) : S3Storage.open(s3, creds, proxies);
        }
        return new LocalDirectoryStorage(((StorageLocation.Directory) location).root());
    }

    /** As {@link #open(StorageLocation, S3Credentials)}, but a local directory must exist already: nothing is created. */
    public static BackupStorage openExisting(StorageLocation location, S3Credentials credentials) throws IOException {
        return openExisting(location, credentials, null);
    }

    /** As {@link #openExisting(StorageLocation, S3Credentials)}, with {@code proxies} as in {@link #open(StorageLocation, S3Credentials, ProxySettings)}. */
    public static BackupStorage openExisting(StorageLocation location, S3Credentials credentials, ProxySettings proxies) throws IOException {
        if (location instanceof StorageLocation.Directory dir) {
            return LocalDirectoryStorage.existing(dir.root());
        }
        return open(location, credentials, proxies);
    }
}
