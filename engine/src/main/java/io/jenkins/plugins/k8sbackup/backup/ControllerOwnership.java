package io.jenkins.plugins.k8sbackup.backup;

import com.fasterxml.jackson.databind.JsonNode;

/** Which objects a controller owns: a backup leaves out the pods it would recreate. */
final class ControllerOwnership {
    private ControllerOwnership() {}

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
