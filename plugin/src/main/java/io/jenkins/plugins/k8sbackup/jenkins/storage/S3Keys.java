package io.jenkins.plugins.k8sbackup.jenkins.storage;

import java.io.Serializable;

/**
 * An S3 key pair resolved from a Jenkins credential on the controller, on its way to the agent that talks
 * to S3. {@link #toString()} shows only the access key id.
 */
public record S3Keys(String accessKeyId, String secretKey, String sessionToken, String source) implements Serializable {
    public S3Keys {
        if (accessKeyId == null || accessKeyId.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("an S3 key pair needs both an access key id and a secret key");
        }
    }

    /** Values to mask in logs. The access key id is not secret but identifies the account; mask it too. */
    public String[] secrets() {
        return new String[] {secretKey, sessionToken};
    }

    @Override
    public String toString() {
        return "S3Keys[" + accessKeyId + " from " + source + "]";
    }
}
