package io.jenkins.plugins.k8sbackup.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns a stored object into one that can be created again, as a careful operator would: drops what the
 * API server assigns (identity, versions, timestamps, status), and the fields that pin an object to the old
 * cluster (Service IPs and node ports, a Pod's node, a Job's generated selector, a claim's old uid). One
 * small method per rule. Rules that need the rest of the restore (owner references, a PVC's volumeName) are
 * applied by the restore with {@link #dropVolumeBinding} and its owner links.
 */
public final class Sanitizer {
    static final List<String> SERVER_METADATA = List.of("uid", "resourceVersion", "generation", "creationTimestamp",
            "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields");
    static final String SA_NAME_ANNOTATION = "kubernetes.io/service-account.name";
    static final String SA_UID_ANNOTATION = "kubernetes.io/service-account.uid";
    static final String SA_TOKEN_TYPE = "kubernetes.io/service-account-token";
    private static final List<String> JOB_CONTROLLER_LABELS = List.of("controller-uid", "batch.kubernetes.io/controller-uid");
    private static final List<String> PVC_BIND_ANNOTATIONS = List.of("pv.kubernetes.io/bind-completed",
            "pv.kubernetes.io/bound-by-controller", "volume.kubernetes.io/selected-node");
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final String NODE_PORT_REASON = "assigned by the cluster: node ports are not preserved (restore --preserve-node-ports keeps them)";
    static final String CLUSTER_IP_REASON = "assigned by the cluster: Service IPs are not restored";
    static final String NODE_NAME_REASON = "chosen by the scheduler: a Pod's node is not restored";
    static final String TOKEN_REASON = "issued by the cluster for the restored ServiceAccount: tokens are not restored";

    /**
     * A field the user may have set that {@link #sanitize} leaves out on purpose: where it is (a JSON pointer),
     * its value in the backup, and who sets it instead.
     */
    public record PolicyDrop(String pointer, JsonNode value, String reason) {}

    private final boolean preserveNodePorts;
    private final boolean restoreStatus;

    public Sanitizer(boolean preserveNodePorts, boolean restoreStatus) {
        this.preserveNodePorts = preserveNodePorts;
        this.restoreStatus = restoreStatus;
    }

    /** Why an object is never restored, or null. */
    public String skipReason(String resource, JsonNode o) {
        if (resource.equals(WellKnownTypes.SECRETS) && isGeneratedServiceAccountToken(o)) {
            return "auto-generated ServiceAccount token: the cluster issues a new one";
        }
        if (resource.equals(WellKnownTypes.PODS)) {
            String phase = o.path("status").path("phase").asText("");
            if (phase.equals("Succeeded") || phase.equals("Failed")) {
                return "completed pod (phase " + phase + ")";
            }
        }
        return null;
    }

    /** Applies every context-free rule to {@code o} in place. */
    public ObjectNode sanitize(String resource, ObjectNode o) {
        dropServerMetadata(o);
        if (!restoreStatus) {
            o.remove("status");
        }
        switch (resource) {
            case WellKnownTypes.SERVICES -> {
                clearClusterIps(o);
                if (!preserveNodePorts) {
                    clearNodePorts(o);
                }
            }
            case WellKnownTypes.PODS -> unpinPod(o);
            case WellKnownTypes.SERVICE_ACCOUNTS -> dropTokenSecretRefs(o);
            case WellKnownTypes.SECRETS -> clearIssuedToken(o);
            case WellKnownTypes.PVS -> dropOldClaimIdentity(o);
            case "jobs.batch" -> dropGeneratedJobSelector(o);
            default -> { }
        }
        return o;
    }

    /**
     * The fields {@link #sanitize} drops from {@code stored} that matter to users, for diff and verify to show as
     * notes: node ports always (clients outside the cluster use them); a Service IP or a Pod's node only when the
     * user declared it (kubectl's last-applied configuration says so; a backup keeps no managedFields, so fields
     * set by other tools are not recognised); a user-made token Secret's token, which its clients hold. Server
     * bookkeeping and fields the cluster generates anyway are not listed.
     */
    public List<PolicyDrop> policyDrops(String resource, JsonNode stored) {
        List<PolicyDrop> out = new ArrayList<>();
        switch (resource) {
            case WellKnownTypes.SERVICES -> {
                if (!preserveNodePorts) {
                    for (int i = 0; i < stored.path("spec").path("ports").size(); i++) {
                        dropped(out, stored, "/spec/ports/" + i + "/nodePort", NODE_PORT_REASON);
                    }
                    dropped(out, stored, "/spec/healthCheckNodePort", NODE_PORT_REASON);
                }
                if (!"None".equals(stored.path("spec").path("clusterIP").asText()) && declared(stored, "/spec/clusterIP")) {
                    dropped(out, stored, "/spec/clusterIP", CLUSTER_IP_REASON);
                }
            }
            case WellKnownTypes.PODS -> {
                if (declared(stored, "/spec/nodeName")) {
                    dropped(out, stored, "/spec/nodeName", NODE_NAME_REASON);
                }
            }
            case WellKnownTypes.SECRETS -> {
                if (SA_TOKEN_TYPE.equals(stored.path("type").asText())) {
                    dropped(out, stored, "/data/token", TOKEN_REASON);
                }
            }
            default -> { }
        }
        return out;
    }

    private static void dropped(List<PolicyDrop> out, JsonNode stored, String pointer, String reason) {
        JsonNode value = stored.at(pointer);
        if (!value.isMissingNode() && !value.isNull()) {
            out.add(new PolicyDrop(pointer, value, reason));
        }
    }

    /** Whether kubectl's last-applied configuration of the object sets the field. */
    static boolean declared(JsonNode stored, String pointer) {
        String applied = stored.path("metadata").path("annotations").path(LAST_APPLIED).asText("");
        if (applied.isEmpty()) {
            return false;
        }
        try {
            JsonNode value = Json.MAPPER.readTree(applied).at(pointer);
            return !value.isMissingNode() && !value.isNull();
        } catch (IOException e) {
            return false; // not JSON: no evidence the user set the field
        }
    }

    void dropServerMetadata(ObjectNode o) {
        if (o.get("metadata") instanceof ObjectNode meta) {
            meta.remove(SERVER_METADATA);
        }
    }

    /** A new cluster assigns IPs from its own range; headless ("None") is a choice, not an assignment. */
    void clearClusterIps(ObjectNode o) {
        if (o.get("spec") instanceof ObjectNode spec && !"None".equals(spec.path("clusterIP").asText())) {
            spec.remove(List.of("clusterIP", "clusterIPs"));
        }
    }

    void clearNodePorts(ObjectNode o) {
        if (o.get("spec") instanceof ObjectNode spec) {
            spec.remove("healthCheckNodePort");
            for (JsonNode port : spec.path("ports")) {
                ((ObjectNode) port).remove("nodePort");
            }
        }
    }

    /** The scheduler places the pod again; priority follows from priorityClassName at admission. */
    void unpinPod(ObjectNode o) {
        if (o.get("spec") instanceof ObjectNode spec) {
            spec.remove(List.of("nodeName", "priority"));
        }
    }

    /** Token Secrets named "<sa>-token-*" were generated for the old ServiceAccount and are not restored. */
    void dropTokenSecretRefs(ObjectNode o) {
        String prefix = o.path("metadata").path("name").asText() + "-token-";
        if (o.get("secrets") instanceof ArrayNode secrets) {
            for (Iterator<JsonNode> it = secrets.elements(); it.hasNext(); ) {
                if (it.next().path("name").asText().startsWith(prefix)) {
                    it.remove();
                }
            }
            if (secrets.isEmpty()) {
                o.remove("secrets");
            }
        }
    }

    /** A user-made token Secret is kept, emptied: the token controller fills it for the new ServiceAccount. */
    void clearIssuedToken(ObjectNode o) {
        if (!SA_TOKEN_TYPE.equals(o.path("type").asText())) {
            return;
        }
        if (o.get("data") instanceof ObjectNode data) {
            data.remove(List.of("token", "ca.crt", "namespace"));
        }
        if (o.path("metadata").get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(SA_UID_ANNOTATION);
        }
    }

    /** The claim is recreated with a new uid; a PV still naming the old one would never bind to it. */
    void dropOldClaimIdentity(ObjectNode o) {
        if (o.path("spec").get("claimRef") instanceof ObjectNode claim) {
            claim.remove(List.of("uid", "resourceVersion"));
        }
    }

    /** The API server generates a Job's selector and controller-uid labels, and refuses them when given. */
    void dropGeneratedJobSelector(ObjectNode o) {
        if (!(o.get("spec") instanceof ObjectNode spec) || spec.path("manualSelector").asBoolean(false)) {
            return;
        }
        spec.remove("selector");
        if (spec.path("template").path("metadata").get("labels") instanceof ObjectNode labels) {
            labels.remove(JOB_CONTROLLER_LABELS);
        }
    }

    /** A PVC whose PV is not restored binds afresh (dynamic provisioning), so its old binding goes. */
    public static void dropVolumeBinding(ObjectNode pvc) {
        if (pvc.get("spec") instanceof ObjectNode spec) {
            spec.remove("volumeName");
        }
        if (pvc.path("metadata").get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(PVC_BIND_ANNOTATIONS);
        }
    }

    static boolean isGeneratedServiceAccountToken(JsonNode o) {
        if (!SA_TOKEN_TYPE.equals(o.path("type").asText())) {
            return false;
        }
        String sa = o.path("metadata").path("annotations").path(SA_NAME_ANNOTATION).asText("");
        return !sa.isEmpty() && o.path("metadata").path("name").asText().startsWith(sa + "-token-");
    }
}
