package io.jenkins.plugins.k8sbackup.volumes;


/** A PVC the backup captured, with what snapshotting it needs. */
public record CapturedClaim(String namespace, String name, String storageClassName, String volumeName) {

    /** From a PVC as listed (generic resource properties); null fields when absent. */
    public static CapturedClaim of(String namespace, String name, com.fasterxml.jackson.databind.JsonNode spec) {
        return new CapturedClaim(namespace, name, spec.path("storageClassName").asText(null),
                spec.path("volumeName").asText(null));
    }
}
