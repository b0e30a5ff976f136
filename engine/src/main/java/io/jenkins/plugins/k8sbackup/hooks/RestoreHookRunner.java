package io.jenkins.plugins.k8sbackup.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.ApiErrors;
import io.jenkins.plugins.k8sbackup.kube.PodsAsJson;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Post-restore exec hooks (Velero's "exec" restore hooks): for each hook, wait until the target container of
 * the restored pod is ready, then run the command, with an artifact on stdin if the hook names one. Failures
 * follow onError (default Continue); {@link Result#failedRun()} tells the restore to end PartiallyFailed.
 * Pods are read as JSON ({@link PodsAsJson}): a pod fabric8's model cannot hold must not end a finished restore.
 */
public final class RestoreHookRunner {
    private static final Duration POLL = Duration.ofMillis(250);

    private final KubernetesClient client;
    private final ApiCaller caller;
    private final PodExecutor executor;
    private final ArtifactSource artifacts;
    private final ProgressListener progress;

    /** @param artifacts opens the artifacts hooks feed on stdin; may be null when no hook uses one */
    public RestoreHookRunner(KubernetesClient client, ApiCaller caller, PodExecutor executor, ArtifactSource artifacts,
                             ProgressListener progress) {
        this.client = client;
        this.caller = caller;
        this.executor = executor;
        this.artifacts = artifacts;
        this.progress = progress;
    }

    public record Result(int succeeded, List<HookFailure> failures) {
        /** A hook with onError Fail failed: the restore is PartiallyFailed. */
        public boolean failedRun() {
            return failures.stream().anyMatch(f -> f.onError() == OnError.Fail);
        }

        public List<String> warnings() {
            return failures.stream().filter(f -> f.onError() == OnError.Continue).map(HookFailure::toString).toList();
        }

        public List<String> errors() {
            return failures.stream().filter(f -> f.onError() == OnError.Fail).map(HookFailure::toString).toList();
        }
    }

    /** The post-restore hooks Velero annotations declare on the pods now in these namespaces. */
    public List<RestoreHookSpec> annotatedHooks(Collection<String> namespaces, List<String> problems) throws InterruptedException {
        List<RestoreHookSpec> hooks = new ArrayList<>();
        for (String ns : namespaces) {
            List<JsonNode> pods;
            try {
                pods = PodsAsJson.list(client, caller, ns, null);
            } catch (KubernetesClientException e) {
                problems.add("cannot list the pods of " + ns + " for post-restore hooks: " + ApiErrors.describe(e));
                continue;
            }
            for (JsonNode pod : pods) {
                try {
                    VeleroHookAnnotations.restoreHook(pod).ifPresent(hooks::add);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return hooks;
    }

    public Result run(List<RestoreHookSpec> hooks) throws InterruptedException {
        int ok = 0;
        List<HookFailure> failures = new ArrayList<>();
        for (RestoreHookSpec hook : hooks) {
            List<String> pods;
            try {
                pods = targetPods(hook);
            } catch (KubernetesClientException e) {
                HookFailure f = new HookFailure(hook.namespace(), "(pods matching " + hook.labelSelector() + ")", hook.name(),
                        "post-restore", hook.onError(), "cannot list the pods it runs in: " + ApiErrors.describe(e));
                failures.add(f);
                progress.warn(f.toString());
                continue;
            }
            for (String pod : pods) {
                String failure = runOne(hook, pod);
                if (failure == null) {
                    ok++;
                } else {
                    HookFailure f = new HookFailure(hook.namespace(), pod, hook.name(), "post-restore", hook.onError(), failure);
                    failures.add(f);
                    progress.warn(f + (hook.onError() == OnError.Continue ? " (onError Continue)" : ""));
                }
            }
            if (hook.podName() == null && pods.isEmpty()) {
                progress.warn("restore hook " + hook.name() + ": no pod matches " + hook.labelSelector() + " in " + hook.namespace());
            }
        }
        return new Result(ok, List.copyOf(failures));
    }

    private List<String> targetPods(RestoreHookSpec hook) throws InterruptedException {
        if (hook.podName() != null) {
            return List.of(hook.podName());
        }
        return PodsAsJson.list(client, caller, hook.namespace(), hook.labelSelector()).stream().map(PodsAsJson::name).toList();
    }

    /** Null on success, else why not. */
    private String runOne(RestoreHookSpec hook, String podName) throws InterruptedException {
        String container;
        try {
            Optional<String> ready = awaitContainer(hook, podName);
            if (ready.isEmpty()) {
                return "container not ready within " + hook.waitTimeout().toSeconds() + " s";
            }
            container = ready.get();
        } catch (KubernetesClientException e) {
            return "cannot read the pod: " + ApiErrors.describe(e);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        progress.info("  post-restore hook " + hook.name() + " in " + hook.namespace() + "/" + podName + " [" + container + "]");
        InputStream stdin = null;
        try {
            if (hook.stdinArtifact() != null) {
                if (artifacts == null) {
                    return "hook reads artifact " + hook.stdinArtifact() + " but no artifact source was given";
                }
                stdin = artifacts.open(hook.stdinArtifact());
            }
            ExecResult result = executor.exec(hook.namespace(), podName, container, hook.command(), stdin,
                    OutputStream.nullOutputStream(), hook.execTimeout());
            return result.succeeded() ? null : result.describe();
        } catch (IOException e) {
            return "cannot read artifact " + hook.stdinArtifact() + ": " + e.getMessage();
        } finally {
            if (stdin != null) {
                try {
                    stdin.close();
                } catch (IOException ignored) {
                    // read-only stream
                }
            }
        }
    }

    /** The container to exec in, once the pod exists and (if asked) that container is ready; empty on timeout. */
    private Optional<String> awaitContainer(RestoreHookSpec hook, String podName) throws InterruptedException {
        Instant deadline = Instant.now().plus(hook.waitTimeout());
        while (true) {
            JsonNode pod = PodsAsJson.get(client, caller, hook.namespace(), podName);
            if (pod != null) {
                String container = VeleroHookAnnotations.container(pod, hook.container());
                if (!hook.waitForReady() || containerReady(pod, container)) {
                    return Optional.of(container);
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                return Optional.empty();
            }
            Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, Duration.between(Instant.now(), deadline).toMillis())));
        }
    }

    private static boolean containerReady(JsonNode pod, String container) {
        for (JsonNode s : pod.path("status").path("containerStatuses")) {
            if (container.equals(s.path("name").asText())) {
                return s.path("ready").asBoolean(false);
            }
        }
        return false;
    }
}
