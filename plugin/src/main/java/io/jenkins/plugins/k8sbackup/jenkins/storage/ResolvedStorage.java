package io.jenkins.plugins.k8sbackup.jenkins.storage;

import io.jenkins.plugins.k8sbackup.jenkins.engine.EngineStorage;
import io.jenkins.plugins.k8sbackup.ops.S3Environment;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
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
 * A storage location after the controller checked who may use it and resolved its credentials: an S3 URI
 * with optional keys (none = the SDK default chain on the agent), or a directory, absolute (predefined by an
 * administrator) or relative to the workspace. Travels to the agent, which opens it.
 */
public final class ResolvedStorage implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String uri;
    private final boolean workspaceRelative;
    private final S3Keys keys;
    private final String description;
    /** The build's AWS_* variables (withAWS, withCredentials, withEnv), used on the agent; null: the agent JVM's. */
    private final TreeMap<String, String> environment;

    private ResolvedStorage(String uri, boolean workspaceRelative, S3Keys keys, String description, TreeMap<String, String> environment) {
        this.uri = uri;
        this.workspaceRelative = workspaceRelative;
        this.keys = keys;
        this.description = description;
        this.environment = environment;
    }

    private ResolvedStorage(String uri, boolean workspaceRelative, S3Keys keys, String description) {
        this(uri, workspaceRelative, keys, description, null);
    }

    /** The same location, opened with the build's environment rather than the agent JVM's (see StorageTarget). */
    public ResolvedStorage withEnvironment(Map<String, String> env) {
        return new ResolvedStorage(uri, workspaceRelative, keys, description, new TreeMap<>(S3Environment.relevant(env)));
    }

    public static ResolvedStorage s3(String uri, S3Keys keys) {
        return new ResolvedStorage(uri, false, keys, uri + (keys == null ? " (AWS default credentials)" : " (credentials " + keys.source() + ")"));
    }

    public static ResolvedStorage absoluteDirectory(String path) {
        return new ResolvedStorage(path, false, null, path);
    }

    public static ResolvedStorage workspaceDirectory(String relativePath) {
        return new ResolvedStorage(relativePath, true, null, "workspace/" + relativePath);
    }

    /** S3 without keys: whoever opens it uses the AWS SDK default chain, i.e. the identity of that machine. */
    public boolean usesAmbientCredentials() {
        return isS3() && keys == null;
    }

    public boolean isS3() {
        return uri.startsWith("s3://");
    }

    public boolean isWorkspaceRelative() {
        return workspaceRelative;
    }

    public String uri() {
        return uri;
    }

    public S3Keys keys() {
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
        if (!isS3()) {
            return EngineStorage.directory(directory(workspace));
        }
        StorageTarget target = EngineStorage.s3(uri, keys);
        return environment == null ? target : target.withEnvironment(environment);
    }

    /** On the agent (or the controller): the opened storage, S3 with the key pair resolved on the controller. */
    public BackupStorage open(File workspace) throws IOException {
        return target(workspace).open();
    }

    private Path directory(File workspace) throws IOException {
        if (!workspaceRelative) {
            return Path.of(uri);
        }
        if (workspace == null) {
            throw new IOException("storage directory " + uri + " is relative to a workspace, and there is none");
        }
        Path dir = workspace.toPath().resolve(uri).normalize();
        if (!dir.startsWith(workspace.toPath().normalize())) {
            throw new IOException("storage directory " + uri + " leaves the workspace");
        }
        return dir;
    }

    @Override
    public String toString() {
        return describe();
    }
}
