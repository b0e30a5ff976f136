package io.jenkins.plugins.k8sbackup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StorageUriTest {

    @Test
    void fileUriAndPlainPaths() {
        assertThat(StorageUri.parse("file:///var/backups/k8s")).isEqualTo(StorageLocation.Directory.of(Path.of("/var/backups/k8s")));
        assertThat(StorageUri.parse("file://localhost/var/b")).isEqualTo(StorageLocation.Directory.of(Path.of("/var/b")));
        assertThat(StorageUri.parse("/var/backups/../b")).isEqualTo(StorageLocation.Directory.of(Path.of("/var/b")));
        assertThat(StorageUri.parse("rel/dir")).isEqualTo(StorageLocation.Directory.of(Path.of("rel/dir")));
        assertThat(StorageUri.parse("file:///var/b").describe()).isEqualTo("file:///var/b");
    }

    @Test
    void s3UriWithEverything() {
        StorageLocation.S3 s3 = (StorageLocation.S3) StorageUri.parse(
                "s3://my-bucket/team/prod?endpoint=http://127.0.0.1:9000&region=eu-west-1&pathStyle=true");
        assertThat(s3.bucket()).isEqualTo("my-bucket");
        assertThat(s3.prefix()).isEqualTo("team/prod/");
        assertThat(s3.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(s3.region()).isEqualTo("eu-west-1");
        assertThat(s3.usesPathStyle()).isTrue();
        assertThat(StorageUri.parse(s3.describe())).isEqualTo(s3);
    }

    @Test
    void s3Defaults() {
        StorageLocation.S3 aws = (StorageLocation.S3) StorageUri.parse("s3://bucket");
        assertThat(aws.prefix()).isEmpty();
        assertThat(aws.endpoint()).isNull();
        assertThat(aws.region()).isNull();
        assertThat(aws.usesPathStyle()).as("AWS uses virtual-host style").isFalse();
        assertThat(aws.endpointDescription()).isEqualTo("AWS S3");

        StorageLocation.S3 custom = (StorageLocation.S3) StorageUri.parse("s3://bucket/p/?endpoint=https://minio.local");
        assertThat(custom.prefix()).isEqualTo("p/");
        assertThat(custom.usesPathStyle()).as("custom endpoints default to path style").isTrue();
        assertThat(((StorageLocation.S3) StorageUri.parse("s3://bucket/p?endpoint=https://minio.local&pathStyle=false"))
                .usesPathStyle()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gs://bucket/p                                  | unsupported storage URI scheme 'gs'",
        "s3:///prefix                                   | has no bucket",
        "s3:bucket                                      | has no bucket",
        "s3://Bad_Bucket/p                              | invalid S3 bucket name 'Bad_Bucket'",
        "s3://bucket:9000/p                             | put the server in ?endpoint=",
        "s3://bucket/p?endpont=http://h:1               | unknown query parameter 'endpont'",
        "s3://bucket/p?region                           | query parameter 'region' in",
        "s3://bucket/p?region=a&region=b                | appears twice",
        "s3://bucket/p?pathStyle=yes                    | pathStyle must be true or false",
        "s3://bucket/p?endpoint=ftp://h                 | must be an http:// or https:// URL",
        "s3://bucket/p?endpoint=127.0.0.1:9000          | must be an http:// or https:// URL",
        "s3://bucket/a/../b                             | contains '..' segments",
        "s3://bucket/a//b                               | empty segment",
        "s3://bucket/p?region=EU WEST                   | malformed storage URI",
        "file:relative/dir                              | is relative",
        "file://server/share                            | names host 'server'",
        "file:///x?y=1                                  | must not have a query",
        "'   '                                          | storage URI is empty",
    })
    void badUrisNameTheProblem(String uri, String expected) {
        assertThatThrownBy(() -> StorageUri.parse(uri)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected.strip());
    }

    @Test
    void credentialsInUrisAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> StorageUri.parse("s3://AKID:topsecret@bucket/p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains credentials").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> StorageUri.parse("s3://bucket/p?endpoint=http://u:topsecret@h:9000"))
                .hasMessageContaining("contains credentials").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> StorageUri.parse("gs://u:topsecret@bucket/p")).hasMessageNotContaining("topsecret");
    }
}
