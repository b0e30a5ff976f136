package io.jenkins.plugins.k8sbackup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The typed location: one value whether parsed from a URI or built from settings, with its rules in one place. */
class StorageLocationTest {

    @Test
    void aParsedUriAndTheSameSettingsGiveTheSameValue() {
        assertThat(StorageUri.parse("s3://backups/prod/cluster-a?endpoint=http://127.0.0.1:9000&region=eu-west-1&pathStyle=true"))
                .isEqualTo(new StorageLocation.S3("backups", "/prod/cluster-a", URI.create("http://127.0.0.1:9000"),
                        "eu-west-1", true));
        assertThat(StorageUri.parse("s3://backups")).isEqualTo(StorageLocation.S3.of("backups", null))
                .isEqualTo(StorageLocation.S3.of("backups", "  "));
        assertThat(StorageUri.parse("s3://backups/p/?endpoint=https://minio.local"))
                .isEqualTo(new StorageLocation.S3("backups", "p", StorageLocation.S3.endpoint("https://minio.local"), null, null));
        assertThat(StorageUri.parse("/var/backups/../b")).isEqualTo(StorageLocation.Directory.of(Path.of("/var/b")));
    }

    @Test
    void itTravelsAsJdkTypesAndComesBackEqual() throws Exception {
        for (StorageLocation location : new StorageLocation[] {
                StorageUri.parse("s3://backups/p?endpoint=http://h:9000&region=eu-west-1&pathStyle=false"),
                StorageUri.parse("s3://backups"), StorageUri.parse("/var/backups")}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(location);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertThat(in.readObject()).isEqualTo(location);
            }
        }
    }

    @Test
    void theRulesGiveOneMessageWhereverTheValueComesFrom() {
        assertThatThrownBy(() -> StorageLocation.S3.of("Bad_Bucket", "p"))
                .hasMessage("invalid S3 bucket name 'Bad_Bucket': 3-63 lower-case letters, digits, '.', '-'");
        assertThatThrownBy(() -> StorageUri.parse("s3://Bad_Bucket/p"))
                .hasMessage("invalid S3 bucket name 'Bad_Bucket': 3-63 lower-case letters, digits, '.', '-'"
                        + " (in storage URI 's3://Bad_Bucket/p')");
        assertThatThrownBy(() -> StorageLocation.S3.of(null, "p")).hasMessageStartingWith("invalid S3 bucket name 'null'");
        assertThatThrownBy(() -> StorageLocation.S3.of("backups", "a/../b"))
                .hasMessage("S3 prefix 'a/../b/' contains '..' segments");
        assertThatThrownBy(() -> StorageUri.parse("s3://backups/a/../b"))
                .hasMessage("S3 prefix 'a/../b/' contains '..' segments (in storage URI 's3://backups/a/../b')");
        assertThatThrownBy(() -> StorageLocation.S3.of("backups", "a//b")).hasMessageContaining("has an empty segment");
        assertThatThrownBy(() -> StorageLocation.S3.of("backups", "a?b")).hasMessageContaining("must not contain '?' or '#'");
        assertThatThrownBy(() -> new StorageLocation.S3("backups", "", null, "EU West", null))
                .hasMessageContaining("invalid region 'EU West'");
        assertThatThrownBy(() -> new StorageLocation.Directory(" ")).hasMessageContaining("needs a path");
    }

    @Test
    void endpointsAreHttpUrlsWithAHostAndNeverEchoCredentials() {
        assertThatThrownBy(() -> StorageLocation.S3.endpoint("minio:9000")).hasMessageContaining("must be an http:// or https:// URL");
        assertThatThrownBy(() -> StorageLocation.S3.endpoint("//minio:9000")).hasMessageContaining("must be an http:// or https:// URL");
        assertThatThrownBy(() -> StorageLocation.S3.endpoint("http://minio:9000/?x=1")).hasMessageContaining("must not have a query");
        assertThatThrownBy(() -> StorageLocation.S3.endpoint("https://key:topsecret@minio"))
                .hasMessageContaining("contains credentials").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> StorageLocation.S3.endpoint("http://key:topsecret@bad host"))
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void pathStyleFollowsTheEndpointUnlessChosenAndDefaultsNeverOverrideTheLocation() {
        StorageLocation.S3 aws = StorageLocation.S3.of("backups", "p");
        URI minio = URI.create("http://minio:9000");

        assertThat(aws.usesPathStyle()).isFalse();
        assertThat(aws.withDefaults("eu-west-1", minio)).isEqualTo(new StorageLocation.S3("backups", "p/", minio, "eu-west-1", null));
        assertThat(aws.withDefaults("eu-west-1", minio).usesPathStyle()).isTrue();
        StorageLocation.S3 chosen = new StorageLocation.S3("backups", "p", URI.create("https://s3.local"), "us-east-2", false);
        assertThat(chosen.withDefaults("eu-west-1", minio)).isEqualTo(chosen);
        assertThat(chosen.usesPathStyle()).isFalse();
    }

    @Test
    void objectKeysAreThePrefixAndTheRelativeKey() {
        StorageLocation.S3 s3 = StorageLocation.S3.of("backups", "/team/prod");

        assertThat(s3.keyOf("backups/nightly/manifest.json")).isEqualTo("team/prod/backups/nightly/manifest.json");
        assertThat(s3.relativeKey(s3.keyOf("backups/nightly/manifest.json"))).isEqualTo("backups/nightly/manifest.json");
        assertThat(StorageLocation.S3.of("backups", "").keyOf("x")).isEqualTo("x");
    }
}
