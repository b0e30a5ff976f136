package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import picocli.CommandLine.Option;

/** Where backups live. S3 credentials come from the environment or the AWS default chain, never from flags. */
final class StorageOptions {
    @Option(names = "--storage", required = true,
            description = "file:///dir, a directory, or s3://bucket/prefix?endpoint=URL&region=R&pathStyle=true")
    String uri;

    StorageTarget target() {
        return new StorageTarget(uri);
    }
}
