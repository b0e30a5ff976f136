package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Cloning prod into staging from the command line: preview, apply, verify, all against the transformed state. */
class TransformCliTest {
    @RegisterExtension
    static final ShopCluster SHOP = new ShopCluster(true);

    @TempDir
    Path dir;
    MockCluster cluster;
    Path kubeconfig;
    String storage;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() {
        cluster = SHOP.cluster();
        kubeconfig = SHOP.kubeconfig();
        storage = dir.resolve("store").toUri().toString();
    }

    private int run(List<String> args) {
        return CliRun.execute(out, err, args.toArray(String[]::new));
    }

    private List<String> clone(String command, String... more) throws Exception {
        Path rules = dir.resolve("staging.yaml");
        Files.writeString(rules, SampleApp.CLONE_REPLICAS_RULES);
        Path values = dir.resolve("web-secrets.env");
        Files.writeString(values, "SESSION_KEY=staging-session-key\n");
        List<String> args = new ArrayList<>(List.of(command, "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--include-namespaces", "shop,shop-data", "--exclude-resources", "persistentvolumes",
                "--namespace-map", "shop=shop-staging", "--namespace-map", "shop-data=shop-data-staging",
                "--transforms", rules.toString(), "--rewrite-host", "*.example.com=*.staging.example.com",
                "--map-storage-class", "standard=fast-staging", "--exclude-secrets", "--secret-values", "shop/web-secrets=" + values));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void previewApplyAndVerifyAProdToStagingClone() throws Exception {
        assertThat(run(List.of("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "--name", "b1",
                "--include-namespaces", "shop,shop-data"))).isEqualTo(0);

        Path plan = dir.resolve("plan.json");
        assertThat(run(clone("restore", "--dry-run", "--report", plan.toString()))).as(out + "\n" + err).isEqualTo(0);
        assertThat(out.toString())
                .contains("transform deployments.apps shop-staging/web: /spec/replicas 2 -> 1 (staging.yaml rule 1)")
                .contains("transform ingresses.networking.k8s.io shop-staging/web: /spec/rules/0/host shop.example.com -> shop.staging.example.com")
                .contains("transform persistentvolumeclaims shop-data-staging/data-db-0: /spec/storageClassName standard -> fast-staging")
                .contains("transform secrets shop-data-staging/db-credentials: left out by exclude-secrets")
                .contains("dry-run");
        String report = Files.readString(plan);
        assertThat(report).contains("\"transforms\"").contains("\"rule\" : \"staging.yaml rule 1\"");
        assertThat(cluster.client().namespaces().withName("shop-staging").get()).isNull();
        assertNoSecretValue(out + err.toString() + report);

        assertThat(run(clone("restore"))).as(out + "\n" + err).isEqualTo(0);
        KubernetesClient api = cluster.client();
        assertThat(api.network().v1().ingresses().inNamespace("shop-staging").withName("web").get().getSpec().getRules().get(0).getHost())
                .isEqualTo("shop.staging.example.com");
        assertThat(api.persistentVolumeClaims().inNamespace("shop-data-staging").withName("data-db-0").get().getSpec().getStorageClassName())
                .isEqualTo("fast-staging");
        assertThat(api.apps().deployments().inNamespace("shop-staging").withName("web").get().getSpec().getReplicas()).isEqualTo(1);
        assertThat(api.secrets().inNamespace("shop-data-staging").withName("db-credentials").get()).isNull();
        assertThat(api.secrets().inNamespace("shop-staging").withName("web-secrets").get().getData().get("SESSION_KEY"))
                .isEqualTo(b64("staging-session-key"));
        assertThat(api.secrets().inNamespace("shop-staging").list().getItems().toString() + api.secrets().inNamespace("shop-data-staging").list().getItems())
                .doesNotContain(b64(SampleApp.SECRET_VALUES.get(0))).doesNotContain(b64(SampleApp.SECRET_VALUES.get(1)));
        assertNoSecretValue(out + err.toString());

        assertThat(run(clone("verify", "--timeout", "20s"))).as(out + "\n" + err).isEqualTo(0);
        assertThat(out.toString()).contains("match            deployments.apps shop-staging/web");
        assertThat(run(clone("diff"))).as(out + "\n" + err).isEqualTo(0);

        api.network().v1().ingresses().inNamespace("shop-staging").withName("web").edit(i -> {
            i.getSpec().getRules().get(0).setHost("shop.example.com");
            return i;
        });
        assertThat(run(clone("verify", "--timeout", "5s"))).isEqualTo(1);
        assertThat(out.toString()).contains("ingresses.networking.k8s.io shop-staging/web").contains("/spec/rules/0/host");
    }

    @Test
    void badTransformsAreUsageErrors() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "version: v2\nresourceModifierRules: []\n");
        assertThat(run(List.of("restore", "b1", "--storage", storage, "--kubeconfig", kubeconfig.toString(), "--transforms", bad.toString())))
                .isEqualTo(2);
        assertThat(err.toString()).contains("bad.yaml: unsupported resource modifier version 'v2'");
        assertThat(run(List.of("diff", "b1", "--storage", storage, "--kubeconfig", kubeconfig.toString(), "--rewrite-host", "*.a.com=b.com")))
                .isEqualTo(2);
        assertThat(err.toString()).contains("'*.' on both sides");
        assertThat(run(List.of("verify", "b1", "--storage", storage, "--kubeconfig", kubeconfig.toString(), "--scale", "-1"))).isEqualTo(2);
        assertThat(err.toString()).contains("cannot be negative");
    }

    private static void assertNoSecretValue(String text) {
        for (String secret : SampleApp.SECRET_VALUES) {
            assertThat(text).doesNotContain(secret).doesNotContain(b64(secret));
        }
        assertThat(text).doesNotContain("staging-session-key").doesNotContain(b64("staging-session-key"));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
