package io.jenkins.plugins.k8sbackup.backup;

import com.fasterxml.jackson.databind.JsonNode;

/** Objects a backup leaves out (what it drops from the objects it stores: {@link StoredJson}). */
final class ObjectCleaner {
    private ObjectCleaner() {}

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
