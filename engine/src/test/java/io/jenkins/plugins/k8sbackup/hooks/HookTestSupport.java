package io.jenkins.plugins.k8sbackup.hooks;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Running pods and exec answers in the mock cluster: the mock has no kubelet, so the test scripts each exec. */
final class HookTestSupport {
    private HookTestSupport() {}

    static Pod runningPod(MockCluster cluster, String ns, String name, Map<String, String> labels,
                          Map<String, String> annotations, boolean ready, String... containers) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(labels)
                .withAnnotations(annotations).endMetadata().withNewSpec().endSpec();
        for (String c : containers) {
            b.editSpec().addNewContainer().withName(c).withImage("example/" + c).endContainer().endSpec();
        }
        Pod created = cluster.client().pods().inNamespace(ns).resource(b.build()).create();
        return setReady(cluster, created, ready, containers);
    }

    static Pod setReady(MockCluster cluster, Pod pod, boolean ready, String... containers) {
        PodBuilder b = new PodBuilder(pod).withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus();
        for (String c : containers) {
            b.editStatus().addNewContainerStatus().withName(c).withReady(ready).endContainerStatus().endStatus();
        }
        return cluster.client().pods().inNamespace(pod.getMetadata().getNamespace()).resource(b.build()).updateStatus();
    }

    /** The request fabric8 sends for exec (query parameters in the client's order). */
    static String execPath(String ns, String pod, String container, List<String> command, boolean stdin) {
        String commands = command.stream().map(c -> "command=" + URLEncoder.encode(c, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        return "/api/v1/namespaces/" + ns + "/pods/" + pod + "/exec?" + commands + "&container=" + container
                + (stdin ? "&stdin=true" : "") + "&stdout=true&stderr=true";
    }

    /**
     * Answers one exec like a kubelet: stdout, stderr, then the exit status, a little apart and only after
     * the client is listening (frames sent with the upgrade can be lost, frames sent together reordered),
     * then a close much later.
     */
    static void answerExec(MockCluster cluster, String path, String stdout, String stderr, int exitCode) {
        List<WebSocketMessage> frames = new ArrayList<>();
        if (stdout != null) {
            frames.add(new OutputStreamMessage(stdout));
        }
        if (stderr != null) {
            frames.add(new ErrorStreamMessage(stderr));
        }
        frames.add(new StatusStreamMessage(exitCode));
        var session = cluster.server().expect().get().withPath(path).andUpgradeToWebSocket().open()
                .waitFor(50).andEmit(frames.get(0));
        for (int i = 1; i < frames.size(); i++) {
            session = session.waitFor(50L * (i + 1)).andEmit(frames.get(i));
        }
        session.waitFor(3000).andEmit(new OutputStreamMessage("")).done().always();
    }
}
