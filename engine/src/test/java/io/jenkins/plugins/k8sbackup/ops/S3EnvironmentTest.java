package io.jenkins.plugins.k8sbackup.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class S3EnvironmentTest {
    @Test
    void regionAndEndpointOfTheEnvironmentFillOnlyWhatTheLocationLeavesOpen() {
        Map<String, String> env = Map.of("AWS_DEFAULT_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://minio:9000");

        assertThat(S3Environment.locate("s3://b/p/", env)).isEqualTo("s3://b/p/?region=eu-west-1&endpoint=http%3A%2F%2Fminio%3A9000");
        assertThat(S3Environment.locate("s3://b/p/?region=us-east-2&endpoint=http://s3.local", env))
                .isEqualTo("s3://b/p/?region=us-east-2&endpoint=http://s3.local");
        assertThat(S3Environment.locate("/var/backups", env)).isEqualTo("/var/backups");
        assertThat(S3Environment.locate("s3://b/", Map.of("AWS_REGION", "ap-south-1", "AWS_DEFAULT_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL_S3", "http://s3only:1", "AWS_ENDPOINT_URL", "http://all:2")))
                .isEqualTo("s3://b/?region=ap-south-1&endpoint=http%3A%2F%2Fs3only%3A1");
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
