package io.jenkins.plugins.k8sbackup.jenkins.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.storage.S3KeyPair;
import io.jenkins.plugins.k8sbackup.storage.StorageLocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The location and key pair resolved on the controller reach the engine's StorageTarget, which travels to the agent. */
class ResolvedStorageTest {
    @TempDir
    Path tmp;

    @Test
    void theS3KeyPairIsHandedToTheEngineAndNeverShown() throws Exception {
        S3KeyPair keys = new S3KeyPair("AKIAEXAMPLE", "very-secret-key", null, "credentials 's3'");
        StorageLocation.S3 location = StorageLocation.S3.of("bucket", "prefix");

        ResolvedStorage resolved = ResolvedStorage.s3(location, keys).withEnvironment(Map.of("AWS_REGION", "eu-west-1"));
        StorageTarget target = resolved.target(null);

        assertThat(target.location()).isEqualTo(location);
        assertThat(target.toString()).contains("AKIAEXAMPLE").doesNotContain("very-secret-key");
        assertThat(resolved.describe()).isEqualTo("s3://bucket/prefix/ (credentials credentials 's3')");
        assertThat(StorageTarget.withKeys(location, null).toString()).isEqualTo("s3://bucket/prefix/");
        assertThat(travelled(resolved).target(null).location()).isEqualTo(location); // must travel to the agent
        assertThat(travelled(target).location()).isEqualTo(location);
    }

    @Test
    void aWorkspaceDirectoryOpensInsideTheWorkspaceOnly() throws Exception {
        try (var opened = ResolvedStorage.workspaceDirectory("backups").open(tmp.toFile())) {
            assertThat(opened.describe()).contains(tmp.resolve("backups").toString());
        }
        assertThat(ResolvedStorage.workspaceDirectory("out/../backups").target(tmp.toFile()).location())
                .isEqualTo(StorageLocation.Directory.of(tmp.resolve("backups")));
        assertThatThrownBy(() -> ResolvedStorage.workspaceDirectory("../outside").open(tmp.toFile()))
                .hasMessageContaining("leaves the workspace");
        assertThatThrownBy(() -> ResolvedStorage.workspaceDirectory("backups").open(null))
                .hasMessageContaining("there is none");
    }

    @Test
    void aDirectoryIgnoresTheBuildsAwsVariables() throws Exception {
        ResolvedStorage dir = ResolvedStorage.absoluteDirectory(tmp.resolve("b").toString())
                .withEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIA-half-a-pair"));

        try (var opened = dir.open(null)) {
            assertThat(opened.describe()).contains(tmp.resolve("b").toString());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T travelled(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
