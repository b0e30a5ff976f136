package io.jenkins.plugins.k8sbackup.ops;

import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.S3Credentials;
import io.jenkins.plugins.k8sbackup.storage.StorageFactory;
import java.io.IOException;
import java.io.Serializable;

/**
 * A storage location that can travel from the Jenkins controller to an agent: its URI and, for S3, a key
 * pair resolved on the controller from a credential. Without a key pair, S3 uses the AWS default chain
 * (environment, profile, instance role) of the machine that opens it.
 */
public final class StorageTarget implements Serializable {
    private static final long serialVersionUID = 2L;

    private final String uri;
    private final String accessKeyId;
    private final String secretKey;
    private final String sessionToken;

    public StorageTarget(String uri) {
        this(uri, null, null, null);
    }

    private StorageTarget(String uri, String accessKeyId, String secretKey, String sessionToken) {
        this.uri = uri;
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
        this.sessionToken = sessionToken;
    }

    /** S3 with an explicit key pair; {@code sessionToken} may be null. */
    public static StorageTarget withKeys(String uri, String accessKeyId, String secretKey, String sessionToken) {
        return new StorageTarget(uri, accessKeyId, secretKey, sessionToken);
    }

    public String uri() {
        return uri;
    }

    /** Opens the location; a missing local directory is created (for writers). */
    public BackupStorage open() throws IOException {
        return StorageFactory.open(uri, credentials());
    }

    /** Opens a location that must exist: a missing local directory is an error, and nothing is created. */
    public BackupStorage openExisting() throws IOException {
        return StorageFactory.openExisting(uri, credentials());
    }

    private S3Credentials credentials() {
        return accessKeyId == null ? S3Credentials.defaultChain() : S3Credentials.of(accessKeyId, secretKey, sessionToken);
    }

    @Override
    public String toString() {
        return uri + (accessKeyId == null ? "" : " (key " + accessKeyId + ")");
    }
}
