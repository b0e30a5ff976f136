package io.jenkins.plugins.k8sbackup.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a backup drops before storing an object: only bookkeeping the API server rebuilds (managedFields,
 * selfLink). uid, resourceVersion and status stay, because restore relinks owners by uid and verify
 * compares against them; restore strips them before writing.
 */
final class ObjectCleaner {
    private ObjectCleaner() {}

    static void clean(ObjectNode o) {
        JsonNode meta = o.get("metadata");
        if (meta instanceof ObjectNode m) {
            m.remove("managedFields");
            m.remove("selfLink");
        }
    }

    /** Pods a controller owns are recreated by it; backing them up only restores stale copies. */
    static boolean isControllerOwned(JsonNode o) {
        for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }
}
