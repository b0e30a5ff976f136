package io.jenkins.plugins.k8sbackup.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the object a restore would write with the one in the cluster, under the restore's sanitising
 * rules, so that what the API server assigns (uids, versions, status, IPs, owner uids, controller
 * bookkeeping annotations) never counts as a difference. Used by restore (skip/update), diff and verify. What
 * the restore changes on purpose in fields a user may have set (node ports, declared Service IPs, a claim's
 * binding) does not count either, but is reported as {@link PolicyNote}s by {@link #notes}.
 */
public final class ObjectComparison {
    /** Annotations and labels that controllers write on their own. */
    static final Set<String> CONTROLLER_KEYS = Set.of("deployment.kubernetes.io/revision",
            "deprecated.daemonset.template.generation", "kubernetes.io/service-account.uid",
            "pv.kubernetes.io/bind-completed", "pv.kubernetes.io/bound-by-controller", "pv.kubernetes.io/provisioned-by",
            "volume.beta.kubernetes.io/storage-provisioner", "volume.kubernetes.io/storage-provisioner",
            "volume.kubernetes.io/selected-node", "control-plane.alpha.kubernetes.io/leader",
            "endpoints.kubernetes.io/last-change-trigger-time", "batch.kubernetes.io/job-tracking",
            "controller-uid", "batch.kubernetes.io/controller-uid");
    static final String UNBOUND_REASON = "the restore binds a claim to the backup's volume only when it restores that PV;"
            + " otherwise the claim binds afresh";

    private final Sanitizer sanitizer;

    public ObjectComparison(Sanitizer sanitizer) {
        this.sanitizer = sanitizer;
    }

    /** The two sides as compared: {@code [backup, live]}. {@code desired} is already sanitised and mapped. */
    public JsonNode[] comparable(String resource, JsonNode desired, JsonNode live) {
        ObjectNode d = (ObjectNode) desired.deepCopy();
        ObjectNode l = sanitizer.sanitize(resource, (ObjectNode) live.deepCopy());
        // a PVC restored without its PV binds to whatever the cluster provides: only two bindings can differ
        if (resource.equals(WellKnownTypes.PVCS) && !(d.path("spec").has("volumeName") && l.path("spec").has("volumeName"))) {
            Sanitizer.dropVolumeBinding(l);
            Sanitizer.dropVolumeBinding(d);
        }
        return new JsonNode[] {normalise(d), normalise(l)};
    }

    /** Differences from the backup's object to the live one; empty when they match. */
    public List<FieldChange> changes(String resource, JsonNode desired, JsonNode live) {
        JsonNode[] sides = comparable(resource, desired, live);
        return FieldChange.between(resource, sides[0], sides[1]);
    }

    /**
     * The differences the restore's policy makes, field by field: each field the sanitising dropped from the
     * backup's object ({@code dropped}, see {@link Sanitizer#policyDrops}) whose live value differs, and a claim's
     * volume binding when the comparison leaves it out. {@code desired} is the backup's object as compared.
     */
    public List<PolicyNote> notes(String resource, List<Sanitizer.PolicyDrop> dropped, JsonNode desired, JsonNode live) {
        List<PolicyNote> out = new ArrayList<>();
        for (Sanitizer.PolicyDrop d : dropped) {
            JsonNode now = live.at(d.pointer());
            JsonNode to = now.isMissingNode() || now.isNull() ? null : now;
            if (!d.value().equals(to)) {
                out.add(new PolicyNote(d.pointer(), d.value(), to, d.reason()));
            }
        }
        JsonNode volume = desired.path("spec").path("volumeName");
        if (resource.equals(WellKnownTypes.PVCS) && volume.isTextual() && !live.path("spec").has("volumeName")) {
            out.add(new PolicyNote("/spec/volumeName", volume, null, UNBOUND_REASON));
        }
        if (resource.equals(WellKnownTypes.SECRETS)) {
            out.replaceAll(n -> new PolicyNote(n.path(), FieldChange.MASK, n.to() == null ? null : FieldChange.MASK, n.reason()));
        }
        return out;
    }

    /** Whether any change touches more than metadata (labels, annotations): verify's line between fail and warn. */
    public static boolean touchesSpec(List<FieldChange> changes) {
        return changes.stream().anyMatch(c -> !c.path().startsWith("/metadata/"));
    }

    static ObjectNode normalise(ObjectNode o) {
        if (o.get("metadata") instanceof ObjectNode meta) {
            // owners are matched by name elsewhere; their uids always change in a restore
            meta.remove(List.of("ownerReferences", "finalizers"));
            for (String field : List.of("annotations", "labels")) {
                if (meta.get(field) instanceof ObjectNode map) {
                    map.remove(CONTROLLER_KEYS);
                }
            }
        }
        prune(o);
        return o;
    }

    /** Missing, null, {} and [] mean the same to the API server; treat them alike. */
    private static boolean prune(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                if (prune(it.next().getValue())) {
                    it.remove();
                }
            }
            return obj.isEmpty();
        }
        if (node instanceof ArrayNode arr) {
            arr.forEach(ObjectComparison::prune);
            return arr.isEmpty();
        }
        return node == null || node.isNull();
    }
}
