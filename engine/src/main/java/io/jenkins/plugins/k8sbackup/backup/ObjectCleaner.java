package io.jenkins.plugins.k8sbackup.backup;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;

/**
 * What a backup drops before storing an object: only bookkeeping the API server rebuilds (managedFields,
 * selfLink). uid, resourceVersion and status stay, because restore relinks owners by uid and verify
 * compares against them; restore strips them before writing.
 */
final class ObjectCleaner {
    private ObjectCleaner() {}

    static void clean(GenericKubernetesResource o) {
        o.getMetadata().setManagedFields(null);
        o.getMetadata().setSelfLink(null);
    }

    /** Pods a controller owns are recreated by it; backing them up only restores stale copies. */
    static boolean isControllerOwned(GenericKubernetesResource o) {
        if (o.getMetadata().getOwnerReferences() == null) {
            return false;
        }
        for (OwnerReference ref : o.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(ref.getController())) {
                return true;
            }
        }
        return false;
    }
}
