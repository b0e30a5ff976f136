package io.jenkins.plugins.k8sbackup.volumes;

import java.util.Map;

/** A PVC the backup captured, with what snapshotting it needs. */
public record CapturedClaim(String namespace, String name, String storageClassName, String volumeName) {

    /** From a PVC as listed (generic resource properties); null fields when absent. */
    public static CapturedClaim of(String namespace, String name, Object spec) {
        if (spec instanceof Map<?, ?> m) {
            return new CapturedClaim(namespace, name, m.get("storageClassName") instanceof String s ? s : null,
                    m.get("volumeName") instanceof String v ? v : null);
        }
        return new CapturedClaim(namespace, name, null, null);
    }
}
