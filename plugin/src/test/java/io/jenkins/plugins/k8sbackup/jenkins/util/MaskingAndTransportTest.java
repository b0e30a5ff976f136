package io.jenkins.plugins.k8sbackup.jenkins.util;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.StreamTaskListener;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.hooks.HookPhase;
import io.jenkins.plugins.k8sbackup.hooks.HookSpec;
import io.jenkins.plugins.k8sbackup.hooks.RestoreHookSpec;
import io.jenkins.plugins.k8sbackup.jenkins.cluster.ClusterConnection;
import io.jenkins.plugins.k8sbackup.jenkins.agent.BackupCallable;
import io.jenkins.plugins.k8sbackup.jenkins.agent.BackupRef;
import io.jenkins.plugins.k8sbackup.jenkins.agent.RestoreCallable;
import io.jenkins.plugins.k8sbackup.jenkins.agent.RestoreRequest;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.restore.ExistingPolicy;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.storage.S3KeyPair;
import io.jenkins.plugins.k8sbackup.storage.StorageLocation;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Secrets never reach the log, and the work travels to an agent as plain serializable data. */
class MaskingAndTransportTest {
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.very-secret";

    @Test
    void everyKnownSecretIsMaskedLongestFirst() {
        SecretMasker m = SecretMasker.none().with("abc", TOKEN, "very-secret", null, "  spaced-secret  ");

        assertThat(m.mask("token=" + TOKEN + " tail=very-secret x=spaced-secret")).isEqualTo("token=**** tail=**** x=****");
        assertThat(m.mask("abc is too short to mask")).isEqualTo("abc is too short to mask");
        assertThat(m.toString()).doesNotContain("secret");
    }

    @Test
    void engineProgressIsMaskedAndPrefixed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogProgress progress = new LogProgress(new StreamTaskListener(out, StandardCharsets.UTF_8),
                SecretMasker.none().with(TOKEN), "k8sBackup");

        progress.info("GET /api with Bearer " + TOKEN);
        progress.warn("retrying after 429 for " + TOKEN);

        assertThat(out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n")).isEqualTo("[k8sBackup] GET /api with Bearer ****\n"
                + "[k8sBackup] WARNING: retrying after 429 for ****\n").doesNotContain(TOKEN);
    }

    @Test
    void failuresBecomeOneLineAbortsWithSecretsMasked() {
        var abort = Failures.abort("k8sRestore", new java.io.IOException("401 for token " + TOKEN + "\n\tat Foo.bar"),
                SecretMasker.none().with(TOKEN));

        assertThat(abort.getMessage()).isEqualTo("k8sRestore failed: 401 for token ****");
        assertThat(abort.getCause()).isNull();
    }

    @Test
    void stepValuesArePlainPipelineTypes() {
        Object v = PipelineValues.plain(Map.of("n", 3, "l", List.of(java.time.Instant.EPOCH, BackupSpec.EncryptionMode.all),
                "f", 1.5f));

        assertThat(v).isInstanceOf(java.util.LinkedHashMap.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(m.get("l")).isInstanceOf(java.util.ArrayList.class).isEqualTo(List.of("1970-01-01T00:00:00Z", "all"));
        assertThat(m.get("f")).isEqualTo(1L);
    }

    @Test
    void callablesSerialiseForTheTripToAnAgentWithoutShowingSecretsInToString() throws Exception {
        LogProgress progress = new LogProgress(new StreamTaskListener(new ByteArrayOutputStream(), StandardCharsets.UTF_8),
                SecretMasker.none().with(TOKEN), "k8sBackup");
        ClusterConnection cluster = ClusterConnection.ofKubeconfig("apiVersion: v1\nusers: [{name: u, user: {token: " + TOKEN + "}}]",
                null, 50, 100, "https://k8s with credentials 'tok'");
        ResolvedStorage storage = ResolvedStorage.s3(StorageLocation.S3.of("bkt", ""), new S3KeyPair("AKIA", "secret-key-1234", null, "creds 'x'"));

        serialise(new BackupCallable(cluster, storage, BackupSpec.builder().name("n").hooks(List.of(new HookSpec("dump",
                        HookPhase.pre, "shop", "db-0", null, null, List.of("true"), null, null, true))).build(), new RetentionPolicy(null, 3),
                Optional.of(EncryptionKey.fromPassphrase("a long enough passphrase")), progress));
        serialise(RestoreCallable.restore(cluster, storage, new RestoreRequest(new BackupRef("latest", Map.of("JOB_NAME", "j"), 4),
                RestoreSpec.builder("latest").includeNamespaces(List.of("shop-*")).excludeResources(List.of("secrets"))
                        .labelSelector("app in (web, db),!canary").objects(List.of("configmaps/shop/web"))
                        .namespaceMapping(Map.of("shop", "shop-copy")).includeClusterResources(false)
                        .existingPolicy(ExistingPolicy.update).waitTimeout(Duration.ofMinutes(1))
                        .hooks(List.of(new RestoreHookSpec("load", "shop", null, "app=db", null, List.of("true"), null, null, null, true, null)))
                        .allowPartial(true).build()),
                Optional.empty(), progress));

        assertThat(cluster.toString() + storage + storage.keys()).doesNotContain(TOKEN).doesNotContain("secret-key-1234");
    }

    private static void serialise(Object o) throws Exception {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(o);
        }
    }
}
