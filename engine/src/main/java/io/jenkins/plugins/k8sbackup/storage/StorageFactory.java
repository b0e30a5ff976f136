package io.jenkins.plugins.k8sbackup.storage;

import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import java.io.IOException;

/** Opens the storage a URI names (see {@link StorageUri} and docs/storage-uris.md). */
public final class StorageFactory {
    private StorageFactory() {}

    /**
     * @param credentials used for {@code s3://} only; null means the SDK default chain
     * @throws IllegalArgumentException for a malformed URI
     * @throws StorageException when the location cannot be used (missing bucket, access denied, unreachable)
     */
    public static BackupStorage open(String uri, S3Credentials credentials) throws IOException {
        return open(StorageUri.parse(uri), credentials);
    }

    public static BackupStorage open(StorageUri uri, S3Credentials credentials) throws IOException {
        return open(uri, credentials, null);
    }

    /** {@code proxies}: S3 through the proxies of a given environment (a build's); null: this process'. */
    public static BackupStorage open(String uri, S3Credentials credentials, ProxySettings proxies) throws IOException {
        return open(StorageUri.parse(uri), credentials, proxies);
    }

    private static BackupStorage open(StorageUri uri, S3Credentials credentials, ProxySettings proxies) throws IOException {
        if (uri instanceof StorageUri.S3 s3) {
            S3Credentials creds = credentials != null ? credentials : S3Credentials.defaultChain();
            return proxies == null ? S3Storage.open(s3, creds) : S3Storage.open(s3, creds, proxies);
        }
        return new LocalDirectoryStorage(((StorageUri.Local) uri).root());
    }

    /** As {@link #open(String, S3Credentials)}, but a local directory must exist already: nothing is created. */
    public static BackupStorage openExisting(String uri, S3Credentials credentials) throws IOException {
        return openExisting(uri, credentials, null);
    }

    /** As {@link #openExisting(String, S3Credentials)}, with {@code proxies} as in {@link #open(String, S3Credentials, ProxySettings)}. */
    public static BackupStorage openExisting(String uri, S3Credentials credentials, ProxySettings proxies) throws IOException {
        StorageUri parsed = StorageUri.parse(uri);
        if (parsed instanceof StorageUri.Local local) {
            return LocalDirectoryStorage.existing(local.root());
        }
        return open(parsed, credentials, proxies);
    }
}
