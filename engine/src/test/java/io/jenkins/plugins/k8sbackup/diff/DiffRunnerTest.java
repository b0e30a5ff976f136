package io.jenkins.plugins.k8sbackup.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.desired.FieldChange;
import io.jenkins.plugins.k8sbackup.ops.DiffOperation;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.restore.RestoreTestSupport;
import io.jenkins.plugins.k8sbackup.storage.StorageLocation;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffRunnerTest {
    @TempDir
    Path dir;
    RestoreTestSupport t;
    KubernetesClient admin;
    EncryptionKey key;

    @BeforeEach
    void setUp() throws Exception {
        t = new RestoreTestSupport(dir);
        admin = t.cluster.client();
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        key = EncryptionKey.ofBytes(raw);
        t.backupShop("b1", key);
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private DiffReport diff(DiffSpec spec) throws Exception {
        try (KubernetesClient client = t.fixture.engineClient(t.cluster)) {
            return new DiffRunner(client, BackupFixture.fastCaller(), BackupReader.open(t.storage, "b1", Optional.of(key)),
                    t.fixture.progress).run(spec);
        }
    }

    private DiffSpec shop() {
        return DiffSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).build();
    }

    @Test
    void anUntouchedClusterIsIdentical() throws Exception {
        DiffReport r = diff(shop());
        assertThat(r.identicalToBackup()).as(r.lines().toString()).isTrue();
        assertThat(r.exitCode()).isZero();
        assertThat(r.compared()).isGreaterThan(15).isEqualTo(r.identical());
        assertThat(r.summaryLine()).contains("identical");
    }

    @Test
    void findsPlantedChangesWithoutPrintingSecretValues() throws Exception {
        admin.configMaps().inNamespace("shop").withName("web-config").edit(c -> {
            c.getData().put("LOG_LEVEL", "debug");
            c.getData().remove("DB_HOST");
            c.getData().put("NEW", "1");
            return c;
        });
        admin.secrets().inNamespace("shop-data").withName("db-credentials").edit(s -> {
            s.getData().put("POSTGRES_PASSWORD", Base64.getEncoder().encodeToString("new-password-leak-check".getBytes()));
            return s;
        });
        admin.apps().deployments().inNamespace("shop").withName("web").delete();
        admin.configMaps().inNamespace("shop").resource(new ConfigMapBuilder().withNewMetadata().withName("stray").endMetadata().build()).create();

        DiffReport r = diff(shop());

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.missing()).extracting(Object::toString).containsExactly("deployments.apps shop/web");
        assertThat(r.added()).extracting(Object::toString).containsExactly("configmaps shop/stray");
        DiffReport.ChangedObject cm = r.changed().stream().filter(c -> c.name().equals("web-config")).findFirst().orElseThrow();
        assertThat(cm.changes()).extracting(FieldChange::op, FieldChange::path).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("replace", "/data/LOG_LEVEL"),
                org.assertj.core.groups.Tuple.tuple("remove", "/data/DB_HOST"),
                org.assertj.core.groups.Tuple.tuple("add", "/data/NEW"));
        FieldChange level = cm.changes().stream().filter(c -> c.path().equals("/data/LOG_LEVEL")).findFirst().orElseThrow();
        assertThat(level.from().asText()).isEqualTo("info");
        assertThat(level.to().asText()).isEqualTo("debug");
        DiffReport.ChangedObject secret = r.changed().stream().filter(c -> c.name().equals("db-credentials")).findFirst().orElseThrow();
        assertThat(secret.changes()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/data/POSTGRES_PASSWORD");
            assertThat(c.from()).isEqualTo(FieldChange.MASK);
            assertThat(c.to()).isEqualTo(FieldChange.MASK);
        });
        String everything = Json.MAPPER.writeValueAsString(r) + r.lines() + t.fixture.log;
        assertThat(everything).doesNotContain("hunter2").doesNotContain("aHVudGVyMi1kYi1wYXNzd29yZA")
                .doesNotContain(Base64.getEncoder().encodeToString("new-password-leak-check".getBytes()));
        // the controller-owned pod and the generated token are not "added"
        assertThat(r.added()).extracting(DiffReport.ObjectRef::name).doesNotContain("web-6d4cf56db6-abcde", "web-token-x7k2p");
    }

    @Test
    void aNodePortTheClusterAssignedIsANoteNotAChange() throws Exception {
        admin.services().inNamespace("shop").withName("web").edit(s -> {
            s.getSpec().getPorts().get(0).setNodePort(31234);
            return s;
        });

        DiffReport r = diff(shop());

        assertThat(r.exitCode()).as(r.lines().toString()).isZero();
        assertThat(r.identicalToBackup()).isTrue();
        assertThat(r.notes()).singleElement().satisfies(n -> {
            assertThat(n.ref()).isEqualTo("services shop/web");
            assertThat(n.notes()).extracting(Object::toString).containsExactly("spec.ports[0].nodePort 30080 -> 31234: assigned by "
                    + "the cluster: node ports are not preserved (restore --preserve-node-ports keeps them)");
        });
        assertThat(r.lines()).contains("i note     services shop/web");
        assertThat(r.summaryLine()).contains("identical").contains("1 with notes");
        assertThat(r.toMap().get("notes").toString()).contains("nodePort 30080 -> 31234");

        DiffReport kept = diff(DiffSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).preserveNodePorts(true).build());
        assertThat(kept.exitCode()).isEqualTo(3);
        assertThat(kept.notes()).isEmpty();
        assertThat(kept.changed()).singleElement().satisfies(c -> assertThat(c.changes()).extracting(FieldChange::path)
                .containsExactly("/spec/ports/0/nodePort"));
    }

    @Test
    void anEmptyComparisonIsAnErrorNotIdentical() throws Exception {
        DiffReport r = diff(DiffSpec.builder("b1").includeNamespaces(List.of("nothere")).build());

        assertThat(r.compared()).isZero();
        assertThat(r.identicalToBackup()).isFalse();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errors()).singleElement().asString().startsWith("nothing compared: the selection (namespaces nothere)")
                .contains("which has namespaces default, kube-system, shop, shop-data, unrelated and types configmaps (2), ");
        assertThat(r.warnings()).containsExactly("namespace nothere is not in backup b1");
        assertThat(r.summaryLine()).startsWith("diff b1: nothing compared, 0 compared");
    }

    @Test
    void refusesTargetNamespacesGivenAsTheSelection() {
        DiffSpec wrong = DiffSpec.builder("b1").includeNamespaces(List.of("shop-*"))
                .namespaceMapping(java.util.Map.of("shop", "staging-shop")).build();
        // "shop-*" matches shop-data in the backup: a legitimate selection, compared as usual
        org.assertj.core.api.Assertions.assertThatCode(() -> diff(wrong)).doesNotThrowAnyException();
        DiffSpec targets = DiffSpec.builder("b1").includeNamespaces(List.of("staging-*"))
                .namespaceMapping(java.util.Map.of("shop", "staging-shop")).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> diff(targets)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace 'staging-*' is where the namespace mapping puts 'shop'")
                .hasMessageContaining("select 'shop' instead");
    }

    @Test
    void comparesAMappedCloneThroughTheOperation(@TempDir Path home) throws Exception {
        KubeTarget kube = KubeTarget.fromFile(t.cluster.writeKubeconfig(home.resolve("kubeconfig")), null, 1000, 100);
        DiffSpec clone = DiffSpec.builder("b1").includeNamespaces(List.of("shop"))
                .namespaceMapping(java.util.Map.of("shop", "shop-staging")).build();
        DiffReport r = DiffOperation.run(kube, new StorageTarget(StorageLocation.Directory.of(t.storage.root())), clone, Optional.of(key),
                t.fixture.progress);
        assertThat(r.missing()).extracting(DiffReport.ObjectRef::namespace).containsOnly("shop-staging", null);
        assertThat(r.missing()).extracting(Object::toString).contains("configmaps shop-staging/web-config", "namespaces shop-staging");
        assertThat(r.exitCode()).isEqualTo(3);
    }
}
