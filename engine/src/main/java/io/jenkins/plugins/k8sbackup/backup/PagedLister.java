package io.jenkins.plugins.k8sbackup.backup;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Lists one resource type page by page (limit/continue), fetching the next page while the caller
 * processes the current one. On 410 Gone (the continue token expired, e.g. after etcd compaction) it
 * starts the list again and skips what it already handed out: the API server lists in key order
 * (namespace, name), so remembering the last key is enough and memory stays constant.
 */
final class PagedLister {
    private static final int MAX_RESTARTS = 5;

    interface PageConsumer {
        void accept(GenericKubernetesResource item) throws Exception;
    }

    private final KubernetesClient client;
    private final ApiCaller caller;
    private final ExecutorService prefetch;
    private final ProgressListener progress;

    PagedLister(KubernetesClient client, ApiCaller caller, ExecutorService prefetch, ProgressListener progress) {
        this.client = client;
        this.caller = caller;
        this.prefetch = prefetch;
        this.progress = progress;
    }

    /** @return how many times the list had to restart after 410 */
    int list(ResourceType type, String namespace, String labelSelector, int pageSize, PageConsumer consumer) throws Exception {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                client.genericKubernetesResources(type.context());
        String lastKey = null;
        int restarts = 0;
        String token = null;
        CompletableFuture<GenericKubernetesResourceList> next = fetch(op, type, namespace, labelSelector, pageSize, null);
        while (true) {
            GenericKubernetesResourceList page;
            try {
                page = await(next);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 410 && token != null && restarts < MAX_RESTARTS) {
                    restarts++;
                    progress.warn(type + ": list continuation expired (410 Gone); restarting the list after "
                            + (lastKey == null ? "the start" : lastKey));
                    token = null;
                    next = fetch(op, type, namespace, labelSelector, pageSize, null);
                    continue;
                }
                throw e;
            }
            token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            boolean more = token != null && !token.isEmpty();
            next = more ? fetch(op, type, namespace, labelSelector, pageSize, token) : null;
            for (GenericKubernetesResource item : page.getItems()) {
                String key = key(item);
                if (lastKey != null && key.compareTo(lastKey) <= 0) {
                    continue; // already handed out before a restart
                }
                consumer.accept(item);
                lastKey = key;
            }
            if (!more) {
                return restarts;
            }
        }
    }

    private CompletableFuture<GenericKubernetesResourceList> fetch(
            MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op,
            ResourceType type, String namespace, String labelSelector, int pageSize, String token) {
        ListOptions options = new ListOptionsBuilder().withLimit((long) pageSize).withContinue(token)
                .withLabelSelector(labelSelector).build();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return caller.call(() -> type.namespaced()
                        ? (namespace == null ? op.inAnyNamespace().list(options) : op.inNamespace(namespace).list(options))
                        : op.list(options));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, prefetch);
    }

    private static GenericKubernetesResourceList await(CompletableFuture<GenericKubernetesResourceList> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    static String key(GenericKubernetesResource o) {
        String ns = o.getMetadata().getNamespace();
        return (ns == null ? "" : ns) + "/" + o.getMetadata().getName();
    }
}
