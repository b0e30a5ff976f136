package io.jenkins.plugins.k8sbackup.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.storage.StorageLocation;
import io.jenkins.plugins.k8sbackup.storage.StorageUri;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3EnvironmentTest {
    @Test
    void regionAndEndpointOfTheEnvironmentFillOnlyWhatTheLocationLeavesOpen() {
        Map<String, String> env = Map.of("AWS_DEFAULT_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://minio:9000");

        assertThat(located("s3://bkt/p/", env)).isEqualTo(StorageUri.parse("s3://bkt/p/?region=eu-west-1&endpoint=http://minio:9000"));
        assertThat(located("s3://bkt/p/?region=us-east-2&endpoint=http://s3.local", env))
                .isEqualTo(StorageUri.parse("s3://bkt/p/?region=us-east-2&endpoint=http://s3.local"));
        assertThat(located("/var/backups", env)).isEqualTo(StorageUri.parse("/var/backups"));
        assertThat(located("s3://bkt/", Map.of("AWS_REGION", "ap-south-1", "AWS_DEFAULT_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL_S3", "http://s3only:1", "AWS_ENDPOINT_URL", "http://all:2")))
                .isEqualTo(StorageUri.parse("s3://bkt/?region=ap-south-1&endpoint=http://s3only:1"));
    }

    @Test
    void anEndpointFromTheEnvironmentMeansPathStyleUnlessTheLocationChoseOtherwise() {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "http://minio:9000");

        assertThat(((StorageLocation.S3) located("s3://bkt/", env)).usesPathStyle()).isTrue();
        assertThat(((StorageLocation.S3) located("s3://bkt/?pathStyle=false", env)).usesPathStyle()).isFalse();
        assertThatThrownBy(() -> located("s3://bkt/", Map.of("AWS_ENDPOINT_URL", "minio:9000")))
                .hasMessageContaining("must be an http:// or https:// URL with a host");
    }

    private static StorageLocation located(String uri, Map<String, String> env) {
        return S3Environment.locate(StorageUri.parse(uri), env);
    }

    @Test
    void onlyAwsVariablesTravelAndHalfAKeyPairIsAClearError() {
        assertThat(S3Environment.relevant(Map.of("AWS_PROFILE", "ci", "PATH", "/bin", "KUBECONFIG", "/k", "AWS_REGION", " ")))
                .containsOnlyKeys("AWS_PROFILE");
        assertThat(S3Environment.credentials(Map.of("AWS_PROFILE", "ci")).describe()).isEqualTo("profile ci");
        assertThat(S3Environment.credentials(Map.of()).describe()).isEqualTo("default chain");
        assertThat(S3Environment.credentials(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "s3cr3t")).describe())
                .isEqualTo("environment AKIAEXAMPLE");
        assertThatThrownBy(() -> S3Environment.credentials(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")))
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY is not set");
    }
}
