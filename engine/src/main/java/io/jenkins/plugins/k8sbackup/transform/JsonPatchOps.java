package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.fabric8.zjsonpatch.Operation;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import java.util.EnumSet;

/**
 * An RFC 6902 JSON Patch (fabric8's zjsonpatch applies it). As in Velero, a failing {@code test} operation means
 * the rule does not apply to the object (no error); any other failure is the object's error.
 */
final class JsonPatchOps implements RulePatch {
    /** Removing a field that is not there is an error, as in Velero's JSON Patch library. */
    private static final EnumSet<CompatibilityFlags> FLAGS = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);
    private final ArrayNode operations;

    JsonPatchOps(ArrayNode operations) {
        this.operations = operations;
    }

    @Override
    public ObjectNode apply(String resource, ObjectNode object) {
        try {
            return (ObjectNode) JsonPatch.apply(operations, object, FLAGS);
        } catch (JsonPatchException e) {
            if (e.getOperation() == Operation.TEST) {
                return null;
            }
            throw new TransformException("JSON Patch " + (e.getOperation() == null ? "" : e.getOperation().name().toLowerCase(java.util.Locale.ROOT) + " ")
                    + "failed" + (e.getPath() == null ? "" : " at " + e.getPath()) + ": "
                    + (resource.equals(WellKnownTypes.SECRETS) ? "details hidden (a Secret's values may be in them)" : e.getMessage()), e);
        }
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder("JSON Patch");
        for (JsonNode op : operations) {
            s.append(' ').append(op.path("op").asText()).append(' ').append(op.path("path").asText());
        }
        return s.toString();
    }
}
