package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code --storage} is parsed once into the engine's typed location; a bad one is a usage error with one clear message. */
class StorageOptionTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aBadBucketOrPrefixIsOneClearUsageError() {
        assertThat(CliRun.execute(out, err, "list", "--storage", "s3://Bad_Bucket/p")).isEqualTo(2);
        String message = "invalid S3 bucket name 'Bad_Bucket': 3-63 lower-case letters, digits, '.', '-'"
                + " (in storage URI 's3://Bad_Bucket/p')";
        assertThat(err.toString()).contains(message);
        assertThat(err.toString().indexOf("invalid S3 bucket name")).isEqualTo(err.toString().lastIndexOf("invalid S3 bucket name"));

        assertThat(CliRun.execute(out, err, "delete", "old", "--yes", "--storage", "s3://backups/a/../b")).isEqualTo(2);
        assertThat(err.toString()).contains("S3 prefix 'a/../b/' contains '..' segments (in storage URI 's3://backups/a/../b')");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void credentialsInTheEndpointAreRefusedWithoutEchoingThem() {
        assertThat(CliRun.execute(out, err, "list", "--storage", "s3://backups/p?endpoint=http://key:topsecret@minio:9000"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("contains credentials").doesNotContain("topsecret");
    }
}
