package io.jenkins.plugins.k8sbackup.desired;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.backup.PagedLister;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The live objects of one type, read one by one from paged lists of its scopes (namespaces, or the whole cluster)
 * that run ahead on another thread, at most a page or so ahead ({@link #AHEAD}): the backup's archive is read at
 * the same time, and whichever side leads waits for the other, so memory holds pages, not the type. Knows for
 * each scope whether it was listed to the end, and whether its keys came in order, so that the reader can tell an
 * object that is not there from one the list did not give.
 */
final class LiveCursor implements AutoCloseable {
    /** Items listed ahead of the reader. */
    static final int AHEAD = 1000;

    /** One listed object: its key ("namespace/name") and its bytes as the API server sent them. */
    record Item(int scope, long seq, String key, String namespace, byte[] raw) {}

    /** How the list of one scope ended: {@code failure} null when it was read to its end. */
    record ScopeEnd(int scope, int restarts, KubernetesClientException failure) {
        boolean complete() {
            return failure == null;
        }
    }

    private final List<String> scopes;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Future<?> producer;
    private final ScopeEnd[] ended;
    private final boolean[] outOfOrder;
    private int current;
    private String lastKey;
    private long seq;
    private boolean exhausted;

    /** {@code scopes}: namespaces to list in this order, or a single null for one cluster-wide list. */
    LiveCursor(PagedLister lister, ExecutorService threads, ResourceType type, List<String> scopes, int pageSize) {
        this.scopes = java.util.Collections.unmodifiableList(new ArrayList<>(scopes)); // may hold a null: List.copyOf refuses it
        this.ended = new ScopeEnd[scopes.size()];
        this.outOfOrder = new boolean[scopes.size()];
        this.producer = threads.submit(() -> {
            for (int i = 0; i < this.scopes.size(); i++) {
                int scope = i;
                int restarts = 0;
                KubernetesClientException failure = null;
                try {
                    restarts = lister.list(type, this.scopes.get(i), null, pageSize, false, (item, raw) -> queue.put(
                            new Item(scope, 0, PagedLister.key(item), item.path("metadata").path("namespace").asText(null), raw)));
                } catch (KubernetesClientException e) {
                    failure = e;
                } catch (InterruptedException e) {
                    return null; // the reader is gone
                }
                queue.put(new ScopeEnd(scope, restarts, failure));
            }
            return null;
        });
    }

    List<String> scopes() {
        return scopes;
    }

    /** How the scope's list ended, or null while it is still being read. */
    ScopeEnd ended(int scope) {
        return ended[scope];
    }

    /** Whether the scope is being read now (the last item came from it). */
    boolean reading(int scope) {
        return !exhausted && current == scope;
    }

    /** The last key read from the current scope while its keys have come in ascending order so far; else null. */
    String lastKeyInOrder() {
        return outOfOrder[current] ? null : lastKey;
    }

    boolean outOfOrder(int scope) {
        return outOfOrder[scope];
    }

    /** The next listed object, or null when every scope has ended. */
    Item next() throws InterruptedException {
        while (!exhausted) {
            Object o = take();
            if (o instanceof ScopeEnd end) {
                ended[end.scope()] = end;
                if (end.scope() == scopes.size() - 1) {
                    exhausted = true;
                } else {
                    current = end.scope() + 1;
                    lastKey = null;
                }
            } else {
                Item item = (Item) o;
                if (lastKey != null && item.key().compareTo(lastKey) <= 0) {
                    outOfOrder[current] = true;
                }
                lastKey = item.key();
                return new Item(item.scope(), seq++, item.key(), item.namespace(), item.raw());
            }
        }
        return null;
    }

    private Object take() throws InterruptedException {
        while (true) {
            Object o = queue.poll(1, java.util.concurrent.TimeUnit.SECONDS);
            if (o != null) {
                return o;
            }
            if (producer.isDone()) {
                // it stopped without ending every scope: something it did not expect went wrong
                Object late = queue.poll();
                if (late != null) {
                    return late;
                }
                try {
                    producer.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("listing " + scopes + " failed: " + e.getCause(), e.getCause());
                }
                throw new IllegalStateException("listing " + scopes + " stopped early");
            }
        }
    }

    @Override
    public void close() {
        producer.cancel(true);
    }
}
