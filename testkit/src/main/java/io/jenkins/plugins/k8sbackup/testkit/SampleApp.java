package io.jenkins.plugins.k8sbackup.testkit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Deploys the "shop" sample application (see sample-app.yaml) into an embedded cluster. */
public final class SampleApp {
    public static final List<String> NAMESPACES = List.of("shop", "shop-data");
    /** Plaintext values of the sample's Secrets, for tests that check they are never stored or printed. */
    public static final List<String> SECRET_VALUES = List.of("s3cr3t-session-key-do-not-leak", "hunter2-db-password");

    /** Velero resource-modifier rules for a clone of the shop (prod to staging): its Deployments at 1 replica. */
    public static final String CLONE_REPLICAS_RULES = """
            version: v1
            resourceModifierRules:
            - conditions:
                groupResource: deployments.apps
                namespaces: [shop]
              patches:
              - operation: replace
                path: /spec/replicas
                value: "1"
            """;

    private SampleApp() {}

    public static List<HasMetadata> objects(KubernetesClient client) {
        try (InputStream in = SampleApp.class.getResourceAsStream("sample-app.yaml")) {
            return client.load(in).items();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates every sample object, in file order (CRD first). */
    public static List<HasMetadata> deploy(KubernetesClient client) {
        List<HasMetadata> items = objects(client);
        for (HasMetadata item : items) {
            client.resource(item).create();
        }
        return items;
    }
}
