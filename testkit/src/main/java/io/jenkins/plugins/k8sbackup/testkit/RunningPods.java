package io.jenkins.plugins.k8sbackup.testkit;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;

/** Pods in phase Running, as a kubelet would report them: the mock has none, and exec hooks only target running pods. */
public final class RunningPods {
    private RunningPods() {}

    public static Pod create(MockCluster cluster, String ns, String name, Map<String, String> labels,
                             Map<String, String> annotations, boolean ready, String... containers) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(labels)
                .withAnnotations(annotations).endMetadata().withNewSpec().endSpec();
        for (String c : containers) {
            b.editSpec().addNewContainer().withName(c).withImage("example/" + c).endContainer().endSpec();
        }
        Pod created = cluster.client().pods().inNamespace(ns).resource(b.build()).create();
        return setReady(cluster, created, ready, containers);
    }

    public static Pod setReady(MockCluster cluster, Pod pod, boolean ready, String... containers) {
        PodBuilder b = new PodBuilder(pod).withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus();
        for (String c : containers) {
            b.editStatus().addNewContainerStatus().withName(c).withReady(ready).endContainerStatus().endStatus();
        }
        return cluster.client().pods().inNamespace(pod.getMetadata().getNamespace()).resource(b.build()).updateStatus();
    }
}
