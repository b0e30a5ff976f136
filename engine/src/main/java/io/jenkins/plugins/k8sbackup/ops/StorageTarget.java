package io.jenkins.plugins.k8sbackup.ops;

import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.S3Credentials;
import io.jenkins.plugins.k8sbackup.storage.StorageFactory;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A storage location that can travel from the Jenkins controller to an agent: its URI and, for S3, a key
 * pair resolved on the controller from a credential. Without a key pair, S3 uses the AWS default chain
 * (environment, profile, instance role) of the machine that opens it, unless an explicit environment (a Jenkins
 * build's, see {@link #withEnvironment}) says otherwise.
 */
public final class StorageTarget implements Serializable {
    private static final long serialVersionUID = 2L;

    private final String uri;
    private final String accessKeyId;
    private final String secretKey;
    private final String sessionToken;
    /** The environment to read AWS_* and proxy settings from instead of this JVM's; null: this JVM's. */
    private final TreeMap<String, String> environment;

    public StorageTarget(String uri) {
        this(uri, null, null, null, null);
    }

    private StorageTarget(String uri, String accessKeyId, String secretKey, String sessionToken, TreeMap<String, String> environment) {
        this.uri = uri;
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
        this.sessionToken = sessionToken;
        this.environment = environment;
    }

    /** S3 with an explicit key pair; {@code sessionToken} may be null. */
    public static StorageTarget withKeys(String uri, String accessKeyId, String secretKey, String sessionToken) {
        return new StorageTarget(uri, accessKeyId, secretKey, sessionToken, null);
    }

    /**
     * The same target, reading {@link S3Environment}'s variables (keys, profile, region, endpoint, proxies) from {@code env}
     * rather than from the environment of the JVM that opens it: a Jenkins step passes its build's variables
     * ({@code withAWS}, {@code withCredentials}, {@code withEnv}), which the agent JVM never sees.
     */
    public StorageTarget withEnvironment(Map<String, String> env) {
        return new StorageTarget(uri, accessKeyId, secretKey, sessionToken, new TreeMap<>(S3Environment.relevant(env)));
    }

    public String uri() {
        return uri;
    }

    /** Opens the location; a missing local directory is created (for writers). */
    public BackupStorage open() throws IOException {
        return StorageFactory.open(location(), credentials(), proxies());
    }

    /** Opens a location that must exist: a missing local directory is an error, and nothing is created. */
    public BackupStorage openExisting() throws IOException {
        return StorageFactory.openExisting(location(), credentials(), proxies());
    }

    private String location() {
        return environment == null ? uri : S3Environment.locate(uri, environment);
    }

    /** Null: this JVM's environment (see {@link StorageFactory}). */
    private ProxySettings proxies() throws IOException {
        try {
            return environment == null ? null : ProxySettings.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private S3Credentials credentials() {
        if (accessKeyId != null) {
            return S3Credentials.of(accessKeyId, secretKey, sessionToken);
        }
        return environment == null ? S3Credentials.defaultChain() : S3Environment.credentials(environment);
    }

    @Override
    public String toString() {
        return uri + (accessKeyId == null ? "" : " (key " + accessKeyId + ")");
    }
}
