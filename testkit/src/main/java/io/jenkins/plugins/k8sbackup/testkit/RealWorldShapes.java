package io.jenkins.plugins.k8sbackup.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seeds an embedded cluster with objects shaped like those of real installs (multi-version CRD groups, an aggregated
 * API without backend, webhooks without Service, generated names, a huge CRD, stringData, YAML-hostile
 * configuration, ReplicationControllers, finalizers, endpoints nobody rebuilds: see real-world-shapes/README.md)
 * and says exactly what it created. A test can then find every object again by its own apiVersion, kind, namespace
 * and name, whatever a backup's discovery saw.
 * Secrets written with stringData are stored as a real API server stores them (merged into data, see
 * {@link SecretStringData}): that is done by the embedded API, not by this fixture.
 */
public final class RealWorldShapes {
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final String RESOURCES = "/real-world-shapes/";

    /** The aggregated API whose Service does not exist ({@link Shape#AGGREGATED_API}). */
    public static final String AGGREGATED_GROUP_VERSION = "wardle.example.com/v1alpha1";
    /** The huge CRD's openAPIV3Schema is larger than this (kubectl apply's annotation limit, etcd's comfort zone). */
    public static final int HUGE_SCHEMA_MIN_BYTES = 256 * 1024;
    public static final String HUGE_CRD = "dashboards.observability.example.com";

    /** Labels by which a real cluster's controllers mark the EndpointSlices they write and rewrite. */
    private static final Set<String> SLICE_CONTROLLERS = Set.of("endpointslice-controller.k8s.io",
            "endpointslicemirroring-controller.k8s.io");

    /** The groups of objects, in seeding order; each but {@link #HUGE_CRD} is one file. */
    public enum Shape {
        NAMESPACES("namespaces.yaml"),
        MULTI_VERSION_CRDS("multi-version-crds.yaml"),
        HUGE_CRD(null),
        CUSTOM_RESOURCES("custom-resources.yaml"),
        WORKLOADS("workloads.yaml"),
        REPLICATION_CONTROLLERS("replication-controllers.yaml"),
        CONFIG("config.yaml"),
        GENERATE_NAME("generate-name.yaml"),
        FINALIZERS("finalizers.yaml"),
        /** Created after the others: the webhooks would refuse them. */
        ADMISSION_WEBHOOKS("admission-webhooks.yaml"),
        /** Not seeded by {@link #seed(KubernetesClient)}: it makes every backup of the cluster degraded. */
        AGGREGATED_API("aggregated-api.yaml");

        private final String file;

        Shape(String file) {
            this.file = file;
        }
    }

    /**
     * One object the fixture created: as the API server named it ({@code name} is the generated one for generateName),
     * and as the fixture wrote it ({@code source}). {@code rebuiltByController}: a real cluster's controllers recreate
     * it (pods a controller owns, Endpoints of a Service with a selector, EndpointSlices of the EndpointSlice
     * controllers, each namespace's kube-root-ca.crt ConfigMap and default ServiceAccount), so a backup may leave it
     * out, provided it says so.
     */
    public record Seeded(Shape shape, String apiVersion, String kind, String namespace, String name, boolean rebuiltByController,
                         JsonNode source) {
        public boolean namespaced() {
            return namespace != null;
        }

        /** "ci.example.com/v1beta1 Run ci/nightly-run-3". */
        public String ref() {
            return apiVersion + " " + kind + " " + (namespace == null ? "" : namespace + "/") + name;
        }

        @Override
        public String toString() {
            return ref();
        }
    }

    private RealWorldShapes() {}

    /** Creates every shape but {@link Shape#AGGREGATED_API}, in {@link Shape} order. */
    public static List<Seeded> seed(KubernetesClient client) {
        List<Seeded> out = new ArrayList<>();
        for (Shape shape : Shape.values()) {
            if (shape != Shape.AGGREGATED_API) {
                out.addAll(seed(client, shape));
            }
        }
        return out;
    }

    /** Creates one shape's objects (what they refer to must exist: see {@link Shape} for the order). */
    public static List<Seeded> seed(KubernetesClient client, Shape shape) {
        List<HasMetadata> items = objects(client, shape);
        Map<String, String> uids = new HashMap<>();
        List<Seeded> out = new ArrayList<>();
        for (HasMetadata item : items) {
            resolveOwners(client, item, uids);
            JsonNode source = JSON.valueToTree(item);
            HasMetadata created = client.resource(item).create();
            String ns = created.getMetadata().getNamespace();
            uids.put(ownerKey(created.getKind(), ns, created.getMetadata().getName()), created.getMetadata().getUid());
            out.add(new Seeded(shape, created.getApiVersion(), created.getKind(), ns, created.getMetadata().getName(),
                    rebuiltByController(source, items), source));
        }
        return out;
    }

    /** A shape's objects as the fixture writes them, not created. */
    public static List<HasMetadata> objects(KubernetesClient client, Shape shape) {
        if (shape.file == null) {
            return List.of(generic(hugeCrd()), generic(hugeCustomResource()));
        }
        try (InputStream in = RealWorldShapes.class.getResourceAsStream(RESOURCES + shape.file)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + RESOURCES + shape.file + " on the class path");
            }
            return client.load(in).items();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GenericKubernetesResource generic(ObjectNode o) {
        return JSON.convertValue(o, GenericKubernetesResource.class);
    }

    /** An ownerReference written without uid gets its owner's, as the owning controller set it. */
    private static void resolveOwners(KubernetesClient client, HasMetadata item, Map<String, String> uids) {
        String ns = item.getMetadata().getNamespace();
        for (OwnerReference ref : item.getMetadata().getOwnerReferences()) {
            if (ref.getUid() == null || ref.getUid().isEmpty()) {
                String uid = uids.get(ownerKey(ref.getKind(), ns, ref.getName()));
                if (uid == null) {
                    var ops = client.genericKubernetesResources(ref.getApiVersion(), ref.getKind());
                    uid = (ns == null ? ops.withName(ref.getName()) : ops.inNamespace(ns).withName(ref.getName())).get()
                            .getMetadata().getUid();
                }
                ref.setUid(uid);
            }
        }
    }

    private static String ownerKey(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }

    private static boolean rebuiltByController(JsonNode o, List<HasMetadata> sameShape) {
        JsonNode meta = o.path("metadata");
        switch (o.path("kind").asText()) {
            case "Pod":
                for (JsonNode ref : meta.path("ownerReferences")) {
                    if (ref.path("controller").asBoolean(false)) {
                        return true;
                    }
                }
                return false;
            case "EndpointSlice":
                return SLICE_CONTROLLERS.contains(meta.path("labels").path("endpointslice.kubernetes.io/managed-by").asText());
            case "ConfigMap":
                return meta.path("name").asText().equals("kube-root-ca.crt"); // the root CA publisher's
            case "ServiceAccount":
                return meta.path("name").asText().equals("default"); // the service account controller's
            case "Endpoints":
                for (HasMetadata other : sameShape) {
                    JsonNode service = JSON.valueToTree(other);
                    if (other.getKind().equals("Service") && other.getMetadata().getName().equals(meta.path("name").asText())
                            && !service.path("spec").path("selector").isEmpty()) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    // ---- the huge CRD -------------------------------------------------------------------------------

    private static final int PANELS = 360;

    /**
     * A CRD as big as those of the large operators (a monitoring stack's, a cloud provider's): hundreds of documented
     * properties, an openAPIV3Schema of more than {@link #HUGE_SCHEMA_MIN_BYTES}. Generated, the same every time.
     */
    static ObjectNode hugeCrd() {
        ObjectNode crd = JSON.createObjectNode();
        crd.put("apiVersion", "apiextensions.k8s.io/v1").put("kind", "CustomResourceDefinition");
        crd.putObject("metadata").put("name", HUGE_CRD).putObject("annotations")
                .put("controller-gen.kubebuilder.io/version", "v0.16.1");
        ObjectNode spec = crd.putObject("spec").put("group", "observability.example.com").put("scope", "Namespaced");
        spec.putObject("names").put("plural", "dashboards").put("singular", "dashboard").put("kind", "Dashboard")
                .put("listKind", "DashboardList");
        ObjectNode version = spec.putArray("versions").addObject().put("name", "v1").put("served", true).put("storage", true);
        ObjectNode schema = version.putObject("schema").putObject("openAPIV3Schema").put("type", "object");
        ObjectNode properties = schema.putObject("properties").putObject("spec").put("type", "object").putObject("properties");
        for (int i = 0; i < PANELS; i++) {
            ObjectNode panel = properties.putObject(String.format("panel%03d", i)).put("type", "object")
                    .put("description", "Panel " + i + " of the dashboard. A panel shows the result of its query over the"
                            + " dashboard's time range, drawn as its `type` says (graph, stat, table, heatmap). Thresholds"
                            + " colour values at or above each step; the first step has no value and is the base colour."
                            + " Links open in a new tab when `targetBlank` is true. <Deprecated> fields are ignored & kept.");
            ObjectNode fields = panel.putObject("properties");
            fields.putObject("title").put("type", "string").put("maxLength", 256)
                    .put("description", "Title shown in the panel header; may use ${variables} and {{ templates }}.");
            fields.putObject("query").put("type", "string")
                    .put("description", "PromQL, e.g. sum(rate(http_requests_total{job=\"web\",code=~\"5..\"}[5m])) by (instance).");
            fields.putObject("type").put("type", "string").putArray("enum").add("graph").add("stat").add("table").add("heatmap");
            ObjectNode steps = fields.putObject("thresholds").put("type", "array").putObject("items").put("type", "object");
            ObjectNode step = steps.putObject("properties");
            step.putObject("value").put("type", "number").put("description", "Lower bound of this step; null for the base.");
            step.putObject("color").put("type", "string").put("pattern", "^(#[0-9a-fA-F]{6}|[a-z]+)$");
            ArrayNode required = panel.putArray("required");
            required.add("query");
        }
        int size = schema.toString().getBytes(StandardCharsets.UTF_8).length;
        if (size <= HUGE_SCHEMA_MIN_BYTES) {
            throw new IllegalStateException("the huge CRD's schema is only " + size + " bytes");
        }
        return crd;
    }

    static ObjectNode hugeCustomResource() {
        ObjectNode cr = JSON.createObjectNode();
        cr.put("apiVersion", "observability.example.com/v1").put("kind", "Dashboard");
        cr.putObject("metadata").put("name", "shop-overview").put("namespace", "monitoring");
        ObjectNode spec = cr.putObject("spec");
        for (int i = 0; i < 12; i++) {
            ObjectNode panel = spec.putObject(String.format("panel%03d", i)).put("title", "Errors of {{ $instance }} #" + i)
                    .put("query", "sum(rate(http_requests_total{code=~\"5..\"}[5m])) by (instance)").put("type", "graph");
            panel.putArray("thresholds").addObject().putNull("value").put("color", "green");
        }
        return cr;
    }
}
