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
 * StatefulSets ready, DaemonSets scheduled, Jobs complete, PVCs Bound and CRDs Established. Objects named in
 * {@link #neverReady} (CRDs: {@link #neverEstablished}) stay unready, for tests of timeouts.
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

    /**
     * Takes back the readiness of a Deployment already marked ready, for good. Runs on the simulator's own thread,
     * so no reconcile already under way can mark it ready again.
     */
    public void unreadyDeployment(String namespace, String name) throws Exception {
        neverReady(namespace, name);
        timer.submit(() -> client.apps().deployments().inNamespace(namespace).withName(name)
                .editStatus(d -> {
                    d.setStatus(null);
                    return d;
                })).get();
    }

    /** Keeps a CRD from ever becoming Established (cluster-scoped: no namespace). */
    public WorkloadSimulator neverEstablished(String crdName) {
        neverReady.add("/" + crdName);
        return this;
    }

    private boolean skip(io.fabric8.kubernetes.api.model.HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return neverReady.contains((ns == null ? "" : ns) + "/" + o.getMetadata().getName());
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
        for (io.fabric8.kubernetes.api.model.apps.DaemonSet ds : client.apps().daemonSets().inAnyNamespace().list().getItems()) {
            if (skip(ds) || (ds.getStatus() != null && ds.getStatus().getDesiredNumberScheduled() != null)) {
                continue;
            }
            ds.setStatus(new io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder().withDesiredNumberScheduled(1)
                    .withCurrentNumberScheduled(1).withNumberReady(1).withNumberAvailable(1).withNumberMisscheduled(0)
                    .withUpdatedNumberScheduled(1).withObservedGeneration(ds.getMetadata().getGeneration()).build());
            client.resource(ds).updateStatus();
        }
        for (io.fabric8.kubernetes.api.model.batch.v1.Job j : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
            if (skip(j) || (j.getStatus() != null && j.getStatus().getSucceeded() != null)) {
                continue;
            }
            int completions = j.getSpec() == null || j.getSpec().getCompletions() == null ? 1 : j.getSpec().getCompletions();
            j.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withSucceeded(completions)
                    .addNewCondition().withType("Complete").withStatus("True").endCondition().build());
            client.resource(j).updateStatus();
        }
        for (io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition crd
                : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
            if (skip(crd) || (crd.getStatus() != null && crd.getStatus().getConditions() != null
                    && crd.getStatus().getConditions().stream().anyMatch(c -> "Established".equals(c.getType())))) {
                continue;
            }
            crd.setStatus(new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder()
                    .addNewCondition().withType("NamesAccepted").withStatus("True").endCondition()
                    .addNewCondition().withType("Established").withStatus("True").endCondition().build());
            client.resource(crd).updateStatus();
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
