package io.jenkins.plugins.k8sbackup.testkit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Deploys multi-version-api.yaml: two CRD groups with kinds served only at versions their group does not prefer
 * (kind A at the preferred v1beta2, kinds B and C only at v1beta1; an operator group preferring v1 with a kind only at
 * v1alpha1), and one object of each kind in namespace {@link #NAMESPACE} (Gizmos are cluster-scoped).
 */
public final class MultiVersionApi {
    public static final String NAMESPACE = "fleet";

    private MultiVersionApi() {}

    /** Creates the CRDs, then the namespace and the objects, in file order. */
    public static List<HasMetadata> deploy(KubernetesClient client) {
        try (InputStream in = MultiVersionApi.class.getResourceAsStream("multi-version-api.yaml")) {
            List<HasMetadata> items = client.load(in).items();
            items.forEach(item -> client.resource(item).create());
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
