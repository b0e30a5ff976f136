package io.jenkins.plugins.k8sbackup.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Each failure says who refused (the API server or the client) and why, never fabric8's bare "An error has occurred.". */
class ApiErrorsTest {
    @Test
    void anAnswerOfTheApiServerGivesItsCodeReasonMessageAndTheFieldsItNames() {
        Status status = new StatusBuilder().withCode(422).withReason("Invalid")
                .withMessage("ConfigMap \"${CLUSTER}\" is invalid").withNewDetails().addNewCause().withField("metadata.name")
                .withMessage("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters").endCause()
                .endDetails().build();
        KubernetesClientException e = new KubernetesClientException(status);

        assertThat(ApiErrors.describe(e)).isEqualTo("refused by the API server: 422 Invalid: ConfigMap \"${CLUSTER}\" is invalid"
                + " (field metadata.name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters)");
        assertThat(ApiErrors.reason(e)).startsWith("(422 Invalid) ConfigMap");
    }

    @Test
    void noAnswerNamesTheConnectionProblem() {
        KubernetesClientException e = new KubernetesClientException("An error has occurred.",
                new IOException("Connection refused: localhost/127.0.0.1:6443"));

        assertThat(ApiErrors.describe(e)).isEqualTo("no answer from the API server: Connection refused: localhost/127.0.0.1:6443");
    }

    @Test
    void aNameNoUrlCanCarryAndAnObjectTheModelCannotHoldAreTheClientsDoing() throws Exception {
        try (MockCluster cluster = MockCluster.start(); KubernetesClient client = new BackupFixture().engineClient(cluster)) {
            cluster.createRaw("/api/v1/namespaces/default/pods", """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"odd","namespace":"default"},
                     "spec":{"containers":[{"name":"c","image":"i","ports":[{"containerPort":"http"}]}]}}""");

            KubernetesClientException badUrl = capture(() -> client.configMaps().inNamespace("${CLUSTER}").withName("x").get());
            KubernetesClientException badModel = capture(() -> client.pods().inNamespace("default").list());

            assertThat(badUrl.getMessage()).isEqualTo("An error has occurred.");
            assertThat(ApiErrors.describe(badUrl)).startsWith("not sent: the Kubernetes client could not build the request URL")
                    .contains("/namespaces/${CLUSTER}/configmaps");
            assertThat(ApiErrors.reason(badUrl)).startsWith("(not sent: ");
            assertThat(ApiErrors.describe(badModel))
                    .startsWith("the Kubernetes client could not map the JSON to its model of the object: ")
                    .contains("\"http\"").contains("containerPort");
            // read as JSON, the same pod is no problem
            assertThat(PodsAsJson.list(client, BackupFixture.fastCaller(), "default", null)).extracting(PodsAsJson::name)
                    .containsExactly("odd");
            assertThat(PodsAsJson.get(client, BackupFixture.fastCaller(), "default", "missing")).isNull();
        }
    }

    private static KubernetesClientException capture(Runnable call) {
        try {
            call.run();
        } catch (KubernetesClientException e) {
            return e;
        }
        throw new AssertionError("no exception");
    }
}
