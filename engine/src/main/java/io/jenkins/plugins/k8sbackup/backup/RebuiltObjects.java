package io.jenkins.plugins.k8sbackup.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The objects a backup leaves to the controllers that rebuild them, and only those, since what nobody rebuilds
 * is lost if it is left out: a pod whose controlling owner is in the backup (its controller recreates it) or is a
 * Node (a static pod's mirror, recreated by the kubelet); an Endpoints object whose Service of the same name is in the
 * backup and has a selector (the endpoints controller rebuilds it); an EndpointSlice that names such a Service in
 * {@code kubernetes.io/service-name} and is managed by the endpointslice controller. Everything else is kept, e.g. a
 * slice written by hand or by another controller, or a pod whose owner the selection left out.
 * The rules look at what the backup captured, so the types they judge are backed up after all the others
 * ({@link #judges}). Each skip is counted by type and reason for the manifest's {@code skipped} list.
 */
final class RebuiltObjects {
    static final String ENDPOINTS = "endpoints";
    static final String ENDPOINT_SLICES = "endpointslices.discovery.k8s.io";
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    static final String ENDPOINTSLICE_CONTROLLER = "endpointslice-controller.k8s.io";

    static final String OWNED_POD = "controlled by an owner in this backup, whose controller recreates them";
    static final String MIRROR_POD = "mirror pods of static pods, recreated by the kubelet of their node";
    static final String ENDPOINTS_OF_SERVICE = "rebuilt by the endpoints controller from a Service in this backup with a selector";
    static final String SLICE_OF_SERVICE = "managed by " + ENDPOINTSLICE_CONTROLLER + " for a Service in this backup with a selector";

    /** Built-in types whose objects control pods; custom resources (operators) may too. */
    private static final Set<String> POD_CONTROLLERS = Set.of("replicasets.apps", "statefulsets.apps", "daemonsets.apps",
            "jobs.batch", "replicationcontrollers");

    private final boolean keepOwnedPods;
    /** "Kind/namespace/name" of captured objects that may control pods: the key restore relinks owners by. */
    private final Set<String> owners = ConcurrentHashMap.newKeySet();
    /** "namespace/name" of captured Services with a selector. */
    private final Set<String> selectingServices = ConcurrentHashMap.newKeySet();
    private final Map<Rule, LongAdder> counts = new ConcurrentHashMap<>();

    private record Rule(String resource, String reason) {}

    RebuiltObjects(boolean keepOwnedPods) {
        this.keepOwnedPods = keepOwnedPods;
    }

    /** The types whose objects these rules judge: backed up once everything they look at is captured. */
    static boolean judges(ResourceType type) {
        String name = type.qualifiedName();
        return name.equals(WellKnownTypes.PODS) || name.equals(ENDPOINTS) || name.equals(ENDPOINT_SLICES);
    }

    /** Whether the rules need the spec of this type's objects (a Service's selector). */
    static boolean readsSpec(ResourceType type) {
        return type.qualifiedName().equals(WellKnownTypes.SERVICES);
    }

    /** Notes a stored object the rules may look at later (an owner of pods, a Service). */
    void captured(ResourceType type, JsonNode o) {
        String ns = o.path("metadata").path("namespace").asText("");
        String name = o.path("metadata").path("name").asText();
        if (POD_CONTROLLERS.contains(type.qualifiedName()) || type.isCustom()) {
            owners.add(type.kind() + "/" + ns + "/" + name);
        } else if (readsSpec(type) && !o.path("spec").path("selector").isEmpty()) {
            selectingServices.add(ns + "/" + name);
        }
    }

    /** Why the object is left out (and counted), or null when it is backed up. */
    String skip(ResourceType type, JsonNode o) {
        String reason = reason(type, o);
        if (reason != null) {
            counts.computeIfAbsent(new Rule(type.qualifiedName(), reason), k -> new LongAdder()).increment();
        }
        return reason;
    }

    private String reason(ResourceType type, JsonNode o) {
        JsonNode metadata = o.path("metadata");
        String ns = metadata.path("namespace").asText("");
        switch (type.qualifiedName()) {
            case WellKnownTypes.PODS -> {
                if (keepOwnedPods) {
                    return null;
                }
                for (JsonNode ref : metadata.path("ownerReferences")) {
                    if (ref.path("controller").asBoolean(false)) {
                        String kind = ref.path("kind").asText();
                        if (kind.equals("Node") && ref.path("apiVersion").asText().equals("v1")) {
                            return MIRROR_POD;
                        }
                        return owners.contains(kind + "/" + ns + "/" + ref.path("name").asText()) ? OWNED_POD : null;
                    }
                }
                return null;
            }
            case ENDPOINTS -> {
                return selectingServices.contains(ns + "/" + metadata.path("name").asText()) ? ENDPOINTS_OF_SERVICE : null;
            }
            case ENDPOINT_SLICES -> {
                JsonNode labels = metadata.path("labels");
                String service = labels.path(SERVICE_NAME_LABEL).asText("");
                boolean managed = ENDPOINTSLICE_CONTROLLER.equals(labels.path(MANAGED_BY_LABEL).asText());
                return managed && !service.isEmpty() && selectingServices.contains(ns + "/" + service) ? SLICE_OF_SERVICE : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** What was left out, by type and reason. */
    List<BackupManifest.Skipped> skipped() {
        return counts.entrySet().stream().sorted(Comparator.comparing((Map.Entry<Rule, LongAdder> e) -> e.getKey().resource())
                        .thenComparing(e -> e.getKey().reason()))
                .map(e -> new BackupManifest.Skipped(e.getKey().resource(), e.getValue().sum(), e.getKey().reason())).toList();
    }
}
