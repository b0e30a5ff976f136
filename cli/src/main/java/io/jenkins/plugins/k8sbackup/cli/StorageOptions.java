package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import picocli.CommandLine.Option;

/** Where backups live. S3 credentials come from the environment or the AWS default chain, never from flags. */
public final class StorageOptions {
    @Option(names = "--storage", required = true,
            paramLabel = "URI",
            description = "where backups live, for every command: a directory, file:///dir, or "
                    + "s3://bucket/prefix?region=R[&endpoint=URL&pathStyle=true] (S3 credentials from the AWS environment/chain)")
    String uri;

    /** The location as the user gave it, for commands printed back to them. */
    public String uri() {
        return uri;
    }

    public StorageTarget target() {
        return StorageTarget.parse(uri);
    }
}
