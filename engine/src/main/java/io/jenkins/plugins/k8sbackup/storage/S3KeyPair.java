package io.jenkins.plugins.k8sbackup.storage;

import java.io.Serializable;

/**
 * An explicit S3 key pair on its way to the machine that opens the storage (a Jenkins agent, say), with where it
 * came from for messages. Kept apart from {@link StorageLocation}, which never holds a secret. {@link #toString()}
 * shows only the access key id.
 */
public record S3KeyPair(String accessKeyId, String secretKey, String sessionToken, String source) implements Serializable {
    private static final long serialVersionUID = 1L;

    public S3KeyPair {
        if (accessKeyId == null || accessKeyId.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("an S3 key pair needs both an access key id and a secret key");
        }
    }

    /** Values to mask in logs. */
    public String[] secrets() {
        return new String[] {secretKey, sessionToken};
    }

    /** The SDK credentials of this pair. */
    public S3Credentials credentials() {
        return S3Credentials.of(accessKeyId, secretKey, sessionToken);
    }

    @Override
    public String toString() {
        return "S3KeyPair[" + accessKeyId + " from " + source + "]";
    }
}
