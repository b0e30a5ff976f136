package io.jenkins.plugins.k8sbackup.jenkins.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.storage.S3Keys;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key pair resolved on the controller reaches the engine's StorageTarget, which travels to the agent. */
class EngineStorageTest {
    @TempDir
    Path tmp;

    @Test
    void theS3KeyPairIsHandedToTheEngineAndNeverShown() throws Exception {
        S3Keys keys = new S3Keys("AKIAEXAMPLE", "very-secret-key", null, "credentials 's3'");

        StorageTarget target = ResolvedStorage.s3("s3://bucket/prefix/", keys).target(null);

        assertThat(target.uri()).isEqualTo("s3://bucket/prefix/");
        assertThat(target.toString()).contains("AKIAEXAMPLE").doesNotContain("very-secret-key");
        assertThat(EngineStorage.s3("s3://bucket/", null).toString()).isEqualTo("s3://bucket/");
        new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(target); // must travel to the agent
    }

    @Test
    void aWorkspaceDirectoryOpensInsideTheWorkspaceOnly() throws Exception {
        try (var opened = ResolvedStorage.workspaceDirectory("backups").open(tmp.toFile())) {
            assertThat(opened.describe()).contains(tmp.resolve("backups").toString());
        }
        assertThatThrownBy(() -> ResolvedStorage.workspaceDirectory("../outside").open(tmp.toFile()))
                .hasMessageContaining("leaves the workspace");
        assertThatThrownBy(() -> ResolvedStorage.workspaceDirectory("backups").open(null))
                .hasMessageContaining("there is none");
    }
}
