package io.jenkins.plugins.k8sbackup.testkit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the CSI snapshot controller the mock lacks (install the CRDs first with
 * {@link MockCluster#installVolumeSnapshotCrds()}): for each new VolumeSnapshot it creates a bound
 * VolumeSnapshotContent with a made-up snapshot handle, then reports the snapshot readyToUse. Snapshots
 * named in {@link #neverReady} stay pending; those in {@link #failWith} get a status.error.
 */
public final class SnapshotControllerSimulator implements AutoCloseable {
    public static final String DEFAULT_DRIVER = "hostpath.csi.k8s.io";
    public static final ResourceDefinitionContext SNAPSHOTS = context("volumesnapshots", "VolumeSnapshot", true);
    public static final ResourceDefinitionContext CONTENTS = context("volumesnapshotcontents", "VolumeSnapshotContent", false);
    public static final ResourceDefinitionContext CLASSES = context("volumesnapshotclasses", "VolumeSnapshotClass", false);

    private final KubernetesClient client;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "snapshot-controller-simulator");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> neverReady = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    public SnapshotControllerSimulator(KubernetesClient client) {
        this.client = client;
        timer.scheduleWithFixedDelay(this::reconcileQuietly, 50, 100, TimeUnit.MILLISECONDS);
    }

    private static ResourceDefinitionContext context(String plural, String kind, boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup("snapshot.storage.k8s.io").withVersion("v1")
                .withPlural(plural).withKind(kind).withNamespaced(namespaced).build();
    }

    /** Snapshots of this PVC (spec.source.persistentVolumeClaimName in namespace) never become ready. */
    public SnapshotControllerSimulator neverReady(String namespace, String pvc) {
        neverReady.add(namespace + "/" + pvc);
        return this;
    }

    /** Snapshots of this PVC fail with the given message, as a CSI driver error would. */
    public SnapshotControllerSimulator failWith(String namespace, String pvc, String message) {
        failures.put(namespace + "/" + pvc, message);
        return this;
    }

    /** The handle this simulator gives the snapshot of a VolumeSnapshot with this uid. */
    public static String handleFor(String uid) {
        return "snap-" + uid;
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (KubernetesClientException | IllegalStateException ignored) {
            // objects come and go under the simulator; the next round catches up
        }
    }

    @SuppressWarnings("unchecked")
    private void reconcile() {
        for (GenericKubernetesResource vs : client.genericKubernetesResources(SNAPSHOTS).inAnyNamespace().list().getItems()) {
            Map<String, Object> status = (Map<String, Object>) vs.getAdditionalProperties().get("status");
            if (status != null && (Boolean.TRUE.equals(status.get("readyToUse")) || status.get("error") != null)) {
                continue;
            }
            Map<String, Object> spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
            Map<String, Object> source = spec == null ? Map.of() : (Map<String, Object>) spec.getOrDefault("source", Map.of());
            String ns = vs.getMetadata().getNamespace();
            String key = ns + "/" + source.get("persistentVolumeClaimName");
            if (neverReady.contains(key)) {
                continue;
            }
            Map<String, Object> newStatus = new LinkedHashMap<>();
            if (failures.containsKey(key)) {
                newStatus.put("readyToUse", false);
                newStatus.put("error", Map.of("message", failures.get(key), "time", Instant.now().toString()));
            } else {
                String content = "snapcontent-" + vs.getMetadata().getUid();
                String className = spec == null ? null : (String) spec.get("volumeSnapshotClassName");
                createContent(vs, content, className);
                newStatus.put("boundVolumeSnapshotContentName", content);
                newStatus.put("readyToUse", true);
                newStatus.put("creationTime", Instant.now().toString());
                newStatus.put("restoreSize", "1Gi");
            }
            vs.getAdditionalProperties().put("status", newStatus);
            client.genericKubernetesResources(SNAPSHOTS).inNamespace(ns).resource(vs).updateStatus();
        }
    }

    @SuppressWarnings("unchecked")
    private void createContent(GenericKubernetesResource vs, String name, String className) {
        String driver = DEFAULT_DRIVER;
        String deletionPolicy = "Delete";
        if (className != null) {
            GenericKubernetesResource cls = client.genericKubernetesResources(CLASSES).withName(className).get();
            if (cls != null) {
                driver = String.valueOf(cls.getAdditionalProperties().getOrDefault("driver", driver));
                deletionPolicy = String.valueOf(cls.getAdditionalProperties().getOrDefault("deletionPolicy", deletionPolicy));
            }
        }
        Map<String, Object> source = (Map<String, Object>) ((Map<String, Object>) vs.getAdditionalProperties().get("spec")).get("source");
        GenericKubernetesResource content = new GenericKubernetesResource();
        content.setApiVersion("snapshot.storage.k8s.io/v1");
        content.setKind("VolumeSnapshotContent");
        content.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("driver", driver);
        spec.put("deletionPolicy", deletionPolicy);
        spec.put("source", Map.of("volumeHandle", "vol-" + source.get("persistentVolumeClaimName")));
        spec.put("volumeSnapshotRef", Map.of("kind", "VolumeSnapshot", "apiVersion", "snapshot.storage.k8s.io/v1",
                "namespace", vs.getMetadata().getNamespace(), "name", vs.getMetadata().getName(), "uid", vs.getMetadata().getUid()));
        if (className != null) {
            spec.put("volumeSnapshotClassName", className);
        }
        content.getAdditionalProperties().put("spec", spec);
        GenericKubernetesResource stored = client.genericKubernetesResources(CONTENTS).resource(content).createOr(r -> r.update());
        // the API server ignores status on create: it is a subresource
        stored.getAdditionalProperties().put("status", Map.of("snapshotHandle", handleFor(vs.getMetadata().getUid()),
                "readyToUse", true, "restoreSize", 1073741824L, "creationTime", System.currentTimeMillis() * 1_000_000L));
        client.genericKubernetesResources(CONTENTS).resource(stored).updateStatus();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
