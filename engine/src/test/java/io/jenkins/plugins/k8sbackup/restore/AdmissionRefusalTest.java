package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore into a cluster where an admission webhook cannot be called (its Service is gone). The API server
 * admits a create before it finds the object exists, so it refuses even the create of an object that is there
 * already: the restore judges that object as it judges one answered with 409, and nothing is reported failed that
 * did not need writing.
 */
class AdmissionRefusalTest {
    @TempDir
    Path dir;
    RestoreTestSupport t;
    KubernetesClient admin;
    WorkloadSimulator simulator;

    @BeforeEach
    void setUp() throws Exception {
        t = new RestoreTestSupport(dir);
        admin = t.cluster.client();
        simulator = new WorkloadSimulator(admin); // the sample's CRD Established, as a restore waits for it
        t.backupShop("b1", null);
        admin.admissionRegistration().v1().validatingWebhookConfigurations().resource(new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName("dead-gate").endMetadata()
                .addNewWebhook().withName("dead-gate.example.com").withAdmissionReviewVersions("v1").withSideEffects("None")
                .withFailurePolicy("Fail")
                .withNewClientConfig().withNewService().withNamespace("gone").withName("gone").withPort(443).endService().endClientConfig()
                .addNewRule().withOperations("CREATE", "UPDATE").withApiGroups("").withApiVersions("v1")
                .withResources("configmaps", "namespaces").endRule()
                .endWebhook().build()).create();
        t.cluster.faults().enforceAdmissionWebhooks(true);
        t.cluster.clearWriteLog();
    }

    @AfterEach
    void tearDown() {
        simulator.close();
        t.close();
    }

    private RestoreReport restoreShop() throws Exception {
        return t.restore(RestoreSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).build(), null);
    }

    private static RestoreItem item(RestoreReport r, String resource, String name) {
        return r.items().stream().filter(i -> i.resource().equals(resource) && i.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void objectsThatAreThereAsInTheBackupAreLeftAloneThoughTheWebhookRefusesTheirCreate() throws Exception {
        RestoreReport r = restoreShop();

        assertThat(r.errors()).isEmpty();
        assertThat(r.status()).isEqualTo(RunStatus.Completed);
        assertThat(item(r, "configmaps", "web-config").action()).isEqualTo(RestoreAction.SKIP_IDENTICAL);
        assertThat(item(r, "configmaps", "db-config").action()).isEqualTo(RestoreAction.SKIP_IDENTICAL);
        assertThat(item(r, "namespaces", "shop").action()).isEqualTo(RestoreAction.SKIP_IDENTICAL);
        assertThat(t.cluster.writeLog()).as("the webhook did refuse them").anyMatch(w -> w.contains("/configmaps ") && w.endsWith("-> 500"));
        assertThat(t.realWrites()).isEmpty();
    }

    @Test
    void aMissingObjectFailsWithTheApiServersWordsAndAChangedOneIsLeftAsItIs() throws Exception {
        t.cluster.faults().enforceAdmissionWebhooks(false);
        admin.configMaps().inNamespace("shop").withName("web-config").delete();
        admin.configMaps().inNamespace("shop-data").withName("db-config").edit(c -> {
            c.getData().put("extra", "changed by hand");
            return c;
        });
        t.cluster.faults().enforceAdmissionWebhooks(true);

        RestoreReport r = restoreShop();

        RestoreItem missing = item(r, "configmaps", "web-config");
        assertThat(missing.action()).isEqualTo(RestoreAction.FAIL);
        assertThat(missing.message()).contains("refused by the API server: 500 InternalError").contains("failed calling webhook \"dead-gate.example.com\"")
                .contains("service \"gone\" not found");
        assertThat(item(r, "configmaps", "db-config").action()).isEqualTo(RestoreAction.SKIP_DIFFERS);
        assertThat(r.status()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(admin.configMaps().inNamespace("shop").withName("web-config").get()).isNull();
        assertThat(admin.configMaps().inNamespace("shop-data").withName("db-config").get().getData()).containsEntry("extra", "changed by hand");
    }
}
