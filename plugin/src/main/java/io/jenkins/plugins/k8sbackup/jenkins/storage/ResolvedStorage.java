package io.jenkins.plugins.k8sbackup.jenkins.storage;

import io.jenkins.plugins.k8sbackup.ops.S3Environment;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.S3KeyPair;
import io.jenkins.plugins.k8sbackup.storage.StorageLocation;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A storage location after the controller checked who may use it and resolved its credentials: the engine's
 * {@link StorageLocation} (S3, or an absolute directory an administrator predefined) with optional S3 keys (none =
 * the SDK default chain on the agent), or a directory relative to the workspace. Travels to the agent, which opens it.
 */
public final class ResolvedStorage implements Serializable {
    private static final long serialVersionUID = 2L;

    /** For a workspace-relative directory, its path relative to the workspace, which only the agent knows. */
    private final StorageLocation location;
    private final boolean workspaceRelative;
    private final S3KeyPair keys;
    private final String description;
    /** The build's AWS_* variables (withAWS, withCredentials, withEnv), used on the agent; null: the agent JVM's. */
    private final TreeMap<String, String> environment;

    private ResolvedStorage(StorageLocation location, boolean workspaceRelative, S3KeyPair keys, String description,
                            TreeMap<String, String> environment) {
        this.location = location;
        this.workspaceRelative = workspaceRelative;
        this.keys = keys;
        this.description = description;
        this.environment = environment;
    }

    /** The same location, opened with the build's environment rather than the agent JVM's (see StorageTarget). */
    public ResolvedStorage withEnvironment(Map<String, String> env) {
        return new ResolvedStorage(location, workspaceRelative, keys, description, new TreeMap<>(S3Environment.relevant(env)));
    }

    public static ResolvedStorage s3(StorageLocation.S3 location, S3KeyPair keys) {
        return new ResolvedStorage(location, false, keys, location.describe()
                + (keys == null ? " (AWS default credentials)" : " (credentials " + keys.source() + ")"), null);
    }

    public static ResolvedStorage absoluteDirectory(String path) {
        return new ResolvedStorage(new StorageLocation.Directory(path), false, null, path, null);
    }

    public static ResolvedStorage workspaceDirectory(String relativePath) {
        return new ResolvedStorage(new StorageLocation.Directory(relativePath), true, null, "workspace/" + relativePath, null);
    }

    /** S3 without keys: whoever opens it uses the AWS SDK default chain, i.e. the identity of that machine. */
    public boolean usesAmbientCredentials() {
        return location instanceof StorageLocation.S3 && keys == null;
    }

    public boolean isWorkspaceRelative() {
        return workspaceRelative;
    }

    /** The location as the controller resolved it; a workspace-relative directory is still relative here. */
    public StorageLocation location() {
        return location;
    }

    public S3KeyPair keys() {
        return keys;
    }

    /** The secret values this location carries (S3 keys, the build's AWS_* secrets and proxy passwords), for masking. */
    public String[] secrets() {
        List<String> all = new ArrayList<>();
        if (keys != null) {
            all.addAll(Arrays.asList(keys.secrets()));
        }
        if (environment != null) {
            all.add(environment.get("AWS_SECRET_ACCESS_KEY"));
            all.add(environment.get("AWS_SESSION_TOKEN"));
            all.addAll(ProxySettings.passwords(environment));
        }
        return all.toArray(String[]::new);
    }

    /** For logs and reports: never contains a secret. */
    public String describe() {
        return description;
    }

    /** On the agent: the engine's view of this location, for operations that take a {@link StorageTarget}. */
    public StorageTarget target(File workspace) throws IOException {
        if (location instanceof StorageLocation.Directory dir) {
            return new StorageTarget(StorageLocation.Directory.of(workspaceRelative ? inWorkspace(workspace) : dir.root()));
        }
        StorageTarget target = StorageTarget.withKeys(location, keys);
        return environment == null ? target : target.withEnvironment(environment);
    }

    /** On the agent (or the controller): the opened storage, S3 with the key pair resolved on the controller. */
    public BackupStorage open(File workspace) throws IOException {
        return target(workspace).open();
    }

    private Path inWorkspace(File workspace) throws IOException {
        String relative = ((StorageLocation.Directory) location).path();
        if (workspace == null) {
            throw new IOException("storage directory " + relative + " is relative to a workspace, and there is none");
        }
        Path dir = workspace.toPath().resolve(relative).normalize();
        if (!dir.startsWith(workspace.toPath().normalize())) {
            throw new IOException("storage directory " + relative + " leaves the workspace");
        }
        return dir;
    }

    @Override
    public String toString() {
        return describe();
    }
}
