package io.jenkins.plugins.k8sbackup.ops;

import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.S3Credentials;
import io.jenkins.plugins.k8sbackup.storage.S3KeyPair;
import io.jenkins.plugins.k8sbackup.storage.StorageFactory;
import io.jenkins.plugins.k8sbackup.storage.StorageLocation;
import io.jenkins.plugins.k8sbackup.storage.StorageUri;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A storage location that can travel from the Jenkins controller to an agent: the typed location and, for S3, a
 * key pair resolved on the controller from a credential. Without a key pair, S3 uses the AWS default chain
 * (environment, profile, instance role) of the machine that opens it, unless an explicit environment (a Jenkins
 * build's, see {@link #withEnvironment}) says otherwise.
 */
public final class StorageTarget implements Serializable {
    private static final long serialVersionUID = 3L;

    private final StorageLocation location;
    private final S3KeyPair keys;
    /** The environment to read AWS_* and proxy settings from instead of this JVM's; null: this JVM's. */
    private final TreeMap<String, String> environment;

    public StorageTarget(StorageLocation location) {
        this(location, null, null);
    }

    private StorageTarget(StorageLocation location, S3KeyPair keys, TreeMap<String, String> environment) {
        if (location == null) {
            throw new IllegalArgumentException("a storage target needs a location");
        }
        this.location = location;
        this.keys = keys;
        this.environment = environment;
    }

    /** A storage URI as the CLI takes it, parsed once here (see {@link StorageUri}). */
    public static StorageTarget parse(String uri) {
        return new StorageTarget(StorageUri.parse(uri));
    }

    /** S3 with an explicit key pair; null keys: the AWS default chain where the target is opened. */
    public static StorageTarget withKeys(StorageLocation location, S3KeyPair keys) {
        return new StorageTarget(location, keys, null);
    }

    /**
     * The same target, reading {@link S3Environment}'s variables (keys, profile, region, endpoint, proxies) from {@code env}
     * rather than from the environment of the JVM that opens it: a Jenkins step passes its build's variables
     * ({@code withAWS}, {@code withCredentials}, {@code withEnv}), which the agent JVM never sees.
     */
    public StorageTarget withEnvironment(Map<String, String> env) {
        return new StorageTarget(location, keys, new TreeMap<>(S3Environment.relevant(env)));
    }

    public StorageLocation location() {
        return location;
    }

    /** Opens the location; a missing local directory is created (for writers). */
    public BackupStorage open() throws IOException {
        return StorageFactory.open(located(), credentials(), proxies());
    }

    /** Opens a location that must exist: a missing local directory is an error, and nothing is created. */
    public BackupStorage openExisting() throws IOException {
        return StorageFactory.openExisting(located(), credentials(), proxies());
    }

    private StorageLocation located() {
        return environment == null ? location : S3Environment.locate(location, environment);
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
        if (keys != null) {
            return keys.credentials();
        }
        return environment == null ? S3Credentials.defaultChain() : S3Environment.credentials(environment);
    }

    @Override
    public String toString() {
        return location.describe() + (keys == null ? "" : " (key " + keys.accessKeyId() + ")");
    }
}
