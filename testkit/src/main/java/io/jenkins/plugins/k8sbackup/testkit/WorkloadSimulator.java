package io.jenkins.plugins.k8sbackup.testkit;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the controllers and kubelet the mock lacks: after a short delay it reports Deployments available,
 * StatefulSets ready and PVCs Bound. Objects named in {@link #neverReady} stay unready, for tests of the
 * verify timeout.
 */
public final class WorkloadSimulator implements AutoCloseable {
    private final KubernetesClient client;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "workload-simulator");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> neverReady = ConcurrentHashMap.newKeySet();

    public WorkloadSimulator(KubernetesClient client) {
        this.client = client;
        timer.scheduleWithFixedDelay(this::reconcileQuietly, 100, 200, TimeUnit.MILLISECONDS);
    }

    /** Keeps namespace/name unready forever. */
    public WorkloadSimulator neverReady(String namespace, String name) {
        neverReady.add(namespace + "/" + name);
        return this;
    }

    private boolean skip(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return neverReady.contains(o.getMetadata().getNamespace() + "/" + o.getMetadata().getName());
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (KubernetesClientException | IllegalStateException ignored) {
            // objects come and go under the simulator; the next round catches up
        }
    }

    private void reconcile() {
        for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
            int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            if (skip(d) || (d.getStatus() != null && Integer.valueOf(replicas).equals(d.getStatus().getAvailableReplicas()))) {
                continue;
            }
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                    .withUpdatedReplicas(replicas).withObservedGeneration(d.getMetadata().getGeneration())
                    .addNewCondition().withType("Available").withStatus("True").endCondition().build());
            client.resource(d).updateStatus();
        }
        for (StatefulSet s : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
            int replicas = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
            if (skip(s) || (s.getStatus() != null && Integer.valueOf(replicas).equals(s.getStatus().getReadyReplicas()))) {
                continue;
            }
            s.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder()
                    .withReplicas(replicas).withReadyReplicas(replicas).withCurrentReplicas(replicas)
                    .withUpdatedReplicas(replicas).withAvailableReplicas(replicas)
                    .withObservedGeneration(s.getMetadata().getGeneration()).build());
            client.resource(s).updateStatus();
        }
        for (PersistentVolumeClaim c : client.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
            if (skip(c) || (c.getStatus() != null && "Bound".equals(c.getStatus().getPhase()))) {
                continue;
            }
            c.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder().withPhase("Bound").build());
            client.resource(c).updateStatus();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
