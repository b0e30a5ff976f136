package io.jenkins.plugins.k8sbackup.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.crypto.EncryptingOutputStream;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.ApiErrors;
import io.jenkins.plugins.k8sbackup.kube.PodsAsJson;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Runs a backup's exec hooks: the ones declared in the spec and the ones Velero annotations declare on the
 * running pods of the selected namespaces. Pods are resolved once, so pre and post hooks hit the same pods.
 * A failing hook becomes a {@link HookFailure}; its onError decides, in the caller, error or warning.
 * Storage failures while writing an artifact are thrown: the backup cannot be trusted then.
 */
public final class BackupHookRunner {
    private final KubernetesClient client;
    private final ApiCaller caller;
    private final PodExecutor executor;
    private final BackupStorage storage;
    private final ProgressListener progress;

    public BackupHookRunner(KubernetesClient client, ApiCaller caller, PodExecutor executor, BackupStorage storage,
                            ProgressListener progress) {
        this.client = client;
        this.caller = caller;
        this.executor = executor;
        this.storage = storage;
        this.progress = progress;
    }

    /** What the hooks of a run did; filled by {@link #resolve} and {@link #run}. */
    public static final class Results {
        public final List<ResolvedHook> hooks = new ArrayList<>();
        public final List<HookArtifactRecord> artifacts = new ArrayList<>();
        public final List<HookFailure> failures = new ArrayList<>();
        public final List<String> warnings = new ArrayList<>();
    }

    /** Binds the declared hooks and the annotated pods to running pods and containers. */
    public Results resolve(List<HookSpec> declared, Collection<String> namespaces, String labelSelector) throws InterruptedException {
        Results results = new Results();
        for (HookSpec spec : declared) {
            List<JsonNode> pods = runningPods(spec.namespace(), spec.podName(), spec.labelSelector(), results);
            if (pods.isEmpty()) {
                results.warnings.add("hook " + spec.name() + ": no running pod matches "
                        + (spec.podName() != null ? spec.namespace() + "/" + spec.podName() : spec.labelSelector() + " in " + spec.namespace()));
            }
            for (JsonNode pod : pods) {
                String container = spec.container() != null ? spec.container() : VeleroHookAnnotations.container(pod, null);
                results.hooks.add(new ResolvedHook(spec, spec.namespace(), PodsAsJson.name(pod), container));
            }
        }
        for (String ns : namespaces) {
            for (JsonNode pod : runningPods(ns, null, labelSelector, results)) {
                try {
                    for (HookSpec spec : VeleroHookAnnotations.backupHooks(pod)) {
                        results.hooks.add(new ResolvedHook(spec, ns, PodsAsJson.name(pod), spec.container()));
                    }
                } catch (IllegalArgumentException e) {
                    // A hook we cannot read may be a freeze: running the backup as if it were not there would hide that.
                    results.failures.add(new HookFailure(ns, PodsAsJson.name(pod), "velero-annotations", "pre",
                            OnError.Fail, e.getMessage()));
                }
            }
        }
        return results;
    }

    private List<JsonNode> runningPods(String ns, String podName, String selector, Results results) throws InterruptedException {
        List<JsonNode> pods = new ArrayList<>();
        try {
            if (podName != null && !podName.isBlank()) {
                JsonNode p = PodsAsJson.get(client, caller, ns, podName);
                if (p != null) {
                    pods.add(p);
                }
            } else {
                pods.addAll(PodsAsJson.list(client, caller, ns, selector));
            }
        } catch (KubernetesClientException e) {
            results.warnings.add("cannot list pods in " + ns + " for hooks: " + ApiErrors.describe(e));
        }
        // As in Velero: hooks run only in running pods.
        return pods.stream().filter(PodsAsJson::running).toList();
    }

    /** Runs the hooks of one phase, in declaration order. */
    public void run(HookPhase phase, Results results, String backup, Optional<EncryptionKey> artifactKey)
            throws IOException, InterruptedException {
        for (ResolvedHook hook : results.hooks) {
            if (hook.spec().phase() == phase) {
                runOne(hook, results, backup, artifactKey);
            }
        }
    }

    private void runOne(ResolvedHook hook, Results results, String backup, Optional<EncryptionKey> key)
            throws IOException, InterruptedException {
        HookSpec spec = hook.spec();
        progress.info("  " + spec.phase() + " hook " + spec.name() + " in " + hook.namespace() + "/" + hook.pod()
                + " [" + hook.container() + "]");
        ExecResult result;
        if (!spec.captureOutput()) {
            result = executor.exec(hook.namespace(), hook.pod(), hook.container(), spec.command(), null,
                    OutputStream.nullOutputStream(), spec.timeout());
        } else {
            String path = HookArtifacts.path(hook.namespace(), hook.pod(), spec.name());
            StorageWriter writer = storage.create(BackupKind.KUBERNETES.keyOf(backup, path));
            Sha256.DigestingOutputStream digest = new Sha256.DigestingOutputStream(writer);
            OutputStream out = key.isPresent() ? new EncryptingOutputStream(digest, key.get(), path) : digest;
            CapturingStream capture = new CapturingStream(out);
            try {
                result = executor.exec(hook.namespace(), hook.pod(), hook.container(), spec.command(), null, capture, spec.timeout());
                if (capture.failure != null) {
                    throw capture.failure;
                }
            } catch (IOException | RuntimeException | InterruptedException e) {
                writer.abort();
                throw e;
            }
            if (result.succeeded()) {
                out.close(); // publishes the artifact
                results.artifacts.add(new HookArtifactRecord(hook.namespace(), hook.pod(), hook.container(), spec.name(),
                        spec.phase(), path, digest.count(), digest.hex(), key.isPresent()));
            } else {
                writer.abort(); // the output of a failed dump is not a dump
            }
        }
        if (!result.succeeded()) {
            HookFailure failure = new HookFailure(hook.namespace(), hook.pod(), spec.name(), spec.phase().name(),
                    spec.onError(), result.describe());
            results.failures.add(failure);
            progress.warn(failure + (spec.onError() == OnError.Continue ? " (onError Continue)" : ""));
        }
    }

    /**
     * The exec client writes stdout from its own thread and may swallow exceptions there: a storage failure
     * is kept here and rethrown, so a half-written artifact is never published.
     */
    private static final class CapturingStream extends OutputStream {
        private final OutputStream out;
        private volatile IOException failure;

        CapturingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failure != null) {
                throw failure;
            }
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() {
            // the exec client must not publish the artifact: closing is decided by the exit code
        }
    }
}
