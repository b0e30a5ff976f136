package io.jenkins.plugins.k8sbackup.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.kube.ObjectApi;
import io.jenkins.plugins.k8sbackup.selection.SelectionPlan;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owner-reference rule. A reference names its owner by uid, and a restored owner gets a new uid, so a
 * reference to an owner this restore recreates is dropped (its controller adopts the object again by
 * selector, as after Velero's restore). A reference to an owner outside the selection is kept only when
 * that owner is live with the same uid; otherwise it is dropped with a warning, because a dangling owner
 * reference lets the garbage collector delete the restored object.
 */
final class OwnerLinks {
    private final ObjectApi api;
    private final SelectionPlan plan;
    private final Map<String, Boolean> liveOwners = new ConcurrentHashMap<>();

    OwnerLinks(ObjectApi api, SelectionPlan plan) {
        this.api = api;
        this.plan = plan;
    }

    /** Filters {@code desired}'s owner references in place; returns the warnings. */
    List<String> apply(ObjectNode desired, String sourceNamespace, String targetNamespace) throws InterruptedException {
        List<String> notes = new ArrayList<>();
        if (!(desired.path("metadata").get("ownerReferences") instanceof ArrayNode refs)) {
            return notes;
        }
        for (Iterator<JsonNode> it = refs.elements(); it.hasNext(); ) {
            JsonNode ref = it.next();
            String kind = ref.path("kind").asText();
            String name = ref.path("name").asText();
            if (plan.ownerSelected(kind, sourceNamespace, name)) {
                it.remove();
            } else if (!liveOwner(ref, targetNamespace)) {
                it.remove();
                notes.add("owner " + kind + " " + name + " is neither restored nor live with uid "
                        + ref.path("uid").asText() + ": reference dropped so the garbage collector keeps this object");
            }
        }
        if (refs.isEmpty()) {
            ((ObjectNode) desired.get("metadata")).remove("ownerReferences");
        }
        return notes;
    }

    private boolean liveOwner(JsonNode ref, String namespace) throws InterruptedException {
        String apiVersion = ref.path("apiVersion").asText();
        String kind = ref.path("kind").asText();
        String name = ref.path("name").asText();
        String uid = ref.path("uid").asText();
        String key = apiVersion + "/" + kind + "/" + namespace + "/" + name + "/" + uid;
        Boolean known = liveOwners.get(key);
        if (known != null) {
            return known;
        }
        boolean live;
        try {
            GenericKubernetesResource owner = api.caller().call(() -> {
                var ops = api.client().genericKubernetesResources(apiVersion, kind);
                return (namespace == null ? ops.withName(name) : ops.inNamespace(namespace).withName(name)).get();
            });
            live = owner != null && uid.equals(owner.getMetadata().getUid());
        } catch (KubernetesClientException | IllegalArgumentException e) {
            live = false; // an owner type the cluster does not serve cannot keep the object alive either
        }
        liveOwners.put(key, live);
        return live;
    }
}
