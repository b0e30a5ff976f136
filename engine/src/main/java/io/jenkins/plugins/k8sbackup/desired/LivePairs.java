package io.jenkins.plugins.k8sbackup.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.archive.ObjectRecord;
import io.jenkins.plugins.k8sbackup.backup.PagedLister;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import io.jenkins.plugins.k8sbackup.selection.NamespaceMapping;
import io.jenkins.plugins.k8sbackup.kube.ObjectApi;
import io.jenkins.plugins.k8sbackup.desired.Sanitizer;
import io.jenkins.plugins.k8sbackup.selection.SelectionPlan;
import io.jenkins.plugins.k8sbackup.transform.Transforms;
import io.jenkins.plugins.k8sbackup.util.DaemonThreads;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Pairs each object a restore of the selection would write (read from the backup in archive order) with its live
 * counterpart, type by type, from paged lists rather than one GET per object; for diff and verify. A type's list
 * runs alongside the archive: both come in key order ("namespace/name", as the API server lists and as the
 * backup stored), so a live object is usually met just when its backup copy is. What comes out of order is held
 * until the archive reaches it: as bytes up to {@link #HELD_BYTES_MAX} per type, beyond that by key only, and then
 * read by GET. GET is also how an object is read when the list could not say whether it exists: its list failed,
 * or was restarted after 410 Gone and did not come in key order. A type with few selected objects and no
 * unexpected objects to look for is read by GET, as listing it could cost more. Live objects that the backup does
 * not hold come back as {@link Extra}s (in the namespaces asked for), as objects that differ do: nothing is dropped.
 */
public final class LivePairs implements AutoCloseable {
    /** Types compared at once, as a backup lists them: each waits on its list and its archive most of the time. */
    public static final int TYPES_IN_PARALLEL = 4;
    public static final int DEFAULT_PAGE_SIZE = 500;
    /** Selected objects of a type up to which GETs are cheaper than a list (cluster-scoped types: a few of many). */
    static final int GET_AT_MOST = 8;
    /** Namespaces listed one by one up to this many, as a backup does; more are one cluster-wide list. */
    static final int PER_NAMESPACE_AT_MOST = 20;
    /** Live objects held per type, as bytes, while the archive has not reached them. */
    static final long HELD_BYTES_MAX = 16L << 20;

    /** One object of the backup and its live counterpart: {@code live} null when it does not exist. */
    public interface PairVisitor {
        /**
         * {@code desired.error()} set: unreadable in the backup, not looked up ({@code live} and {@code failure}
         * null). {@code failure} set: the cluster could not be read for it.
         */
        void visit(DesiredObjects.Desired desired, JsonNode live, KubernetesClientException failure)
                throws IOException, InterruptedException;
    }

    /** A live object in a looked-at namespace that the backup does not hold (after the caller's filter). */
    public record Extra(String namespace, String name) {}

    /** What a type's pass found beyond the pairs: extra live objects, and why the search for them was incomplete. */
    public record Extras(List<Extra> found, List<String> errors) {}

    private final ObjectApi api;
    private final BackupReader reader;
    private final SelectionPlan plan;
    private final Sanitizer sanitizer;
    private final Transforms transforms;
    private final PagedLister lister;
    private final ExecutorService threads;
    private final int pageSize;
    private long heldBytesMax = HELD_BYTES_MAX;
    private int perNamespaceAtMost = PER_NAMESPACE_AT_MOST;

    public LivePairs(ObjectApi api, BackupReader reader, SelectionPlan plan, Sanitizer sanitizer, Transforms transforms,
                     ProgressListener progress, int pageSize) {
        this.api = api;
        this.reader = reader;
        this.plan = plan;
        this.sanitizer = sanitizer;
        this.transforms = transforms;
        this.pageSize = pageSize > 0 ? pageSize : DEFAULT_PAGE_SIZE;
        // per type compared at once: one thread lists, one fetches its next page
        this.threads = Executors.newCachedThreadPool(DaemonThreads.named("k8s-diff-list"));
        this.lister = new PagedLister(api.client(), api.caller(), threads, progress);
    }

    /** Other limits than the defaults (tests of what happens beyond them). */
    LivePairs withLimits(long heldBytes, int namespacesListedOneByOne) {
        this.heldBytesMax = heldBytes;
        this.perNamespaceAtMost = namespacesListedOneByOne;
        return this;
    }

    /** How many objects of these types the selection takes from the backup's index: what progress counts up to. */
    public long selected(List<ResourceType> types) throws IOException {
        Map<String, List<ObjectRecord>> byType = reader.recordsByType();
        long n = 0;
        for (ResourceType type : types) {
            for (ObjectRecord r : byType.getOrDefault(type.qualifiedName(), List.of())) {
                if (taken(type, r)) {
                    n++;
                }
            }
        }
        return n;
    }

    private boolean taken(ResourceType type, ObjectRecord r) {
        return plan.wanted(type, r) && !plan.dependency(type, r);
    }

    /**
     * Visits every object of {@code type} that {@link DesiredObjects} gives, in archive order, with its live
     * counterpart; and looks for live objects the backup does not hold in {@code extraNamespaces} (empty: none),
     * keeping those {@code counts} accepts.
     */
    public Extras forType(ResourceType type, Set<String> extraNamespaces, Predicate<JsonNode> counts, PairVisitor visitor)
            throws IOException, InterruptedException {
        NamespaceMapping mapping = plan.selection().mapping();
        String resource = type.qualifiedName();
        Set<String> wanted = new HashSet<>();
        Set<String> namespaces = new LinkedHashSet<>(); // in the order the archive holds them
        for (ObjectRecord r : reader.recordsByType().getOrDefault(resource, List.of())) {
            if (taken(type, r)) {
                String ns = mapping.target(r.namespace());
                wanted.add(key(ns, resource.equals(WellKnownTypes.NAMESPACES) ? mapping.target(r.name()) : r.name()));
                if (ns != null) {
                    namespaces.add(ns);
                }
            }
        }
        boolean extras = type.namespaced() && !extraNamespaces.isEmpty();
        if (!extras && wanted.size() <= GET_AT_MOST) {
            DesiredObjects.forEach(reader, plan, sanitizer, transforms, type, d -> {
                if (d.error() != null) {
                    visitor.visit(d, null, null);
                } else {
                    visitByGet(type, d, visitor);
                }
            });
            return new Extras(List.of(), List.of());
        }
        List<String> scopes = new ArrayList<>();
        if (type.namespaced()) {
            namespaces.addAll(new TreeSet<>(extraNamespaces));
            scopes.addAll(namespaces);
        }
        if (!type.namespaced() || scopes.size() > perNamespaceAtMost) {
            scopes.clear();
            scopes.add(null);
        }
        try (LiveCursor cursor = new LiveCursor(lister, threads, type, scopes, pageSize)) {
            return new TypePass(type, wanted, namespaces, extraNamespaces, extras ? counts : o -> false, cursor)
                    .run(visitor);
        }
    }

    static String key(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "/" + name;
    }

    /** A live object as the API server would answer a GET of it: list items of built-in types carry no apiVersion/kind. */
    static JsonNode parse(ResourceType type, byte[] raw) throws IOException {
        ObjectNode o = (ObjectNode) Json.MAPPER.readTree(raw);
        if (!o.hasNonNull("apiVersion")) {
            o.put("apiVersion", type.apiVersion());
        }
        if (!o.hasNonNull("kind")) {
            o.put("kind", type.kind());
        }
        return o;
    }

    /** The live object by GET, for what the list could not give. */
    private void visitByGet(ResourceType type, DesiredObjects.Desired d, PairVisitor visitor)
            throws IOException, InterruptedException {
        JsonNode live;
        try {
            live = api.get(type, d.namespace(), d.name());
        } catch (KubernetesClientException e) {
            visitor.visit(d, null, e);
            return;
        }
        visitor.visit(d, live, null);
    }

    /** One type's archive and list, read side by side. */
    private final class TypePass {
        private record Held(long seq, String namespace, byte[] raw) {}

        private record Candidate(long seq, Extra extra) {}

        private final ResourceType type;
        private final Set<String> wanted;
        private final Set<String> listedNamespaces;
        private final Set<String> extraNamespaces;
        private final Predicate<JsonNode> counts;
        private final LiveCursor cursor;
        private final Map<String, Integer> scopeOf = new HashMap<>();
        private final Set<String> visited = new HashSet<>();
        private final Map<String, Held> held = new HashMap<>();
        private final Map<String, Long> heldByKeyOnly = new HashMap<>();
        private final List<Candidate> candidates = new ArrayList<>();
        /** Called missing because the list, in key order so far, had gone past them. */
        private final Set<String> missingByOrder = new HashSet<>();
        private final List<String> contradictions = new ArrayList<>();
        private long heldBytes;

        TypePass(ResourceType type, Set<String> wanted, Set<String> listedNamespaces, Set<String> extraNamespaces,
                 Predicate<JsonNode> counts, LiveCursor cursor) {
            this.type = type;
            this.wanted = wanted;
            this.listedNamespaces = listedNamespaces;
            this.extraNamespaces = extraNamespaces;
            this.counts = counts;
            this.cursor = cursor;
            for (int i = 0; i < cursor.scopes().size(); i++) {
                scopeOf.put(cursor.scopes().get(i), i);
            }
        }

        Extras run(PairVisitor visitor) throws IOException, InterruptedException {
            DesiredObjects.forEach(reader, plan, sanitizer, transforms, type, d -> {
                String k = key(d.namespace(), d.name());
                visited.add(k);
                if (d.error() != null) {
                    visitor.visit(d, null, null);
                    return;
                }
                Object found = find(k, d.namespace());
                if (found instanceof byte[] raw) {
                    visitor.visit(d, parse(type, raw), null);
                } else if (found == NOT_THERE) {
                    visitor.visit(d, null, null);
                } else {
                    visitByGet(type, d, visitor);
                }
            });
            for (LiveCursor.Item item = cursor.next(); item != null; item = cursor.next()) {
                classify(item);
            }
            for (Map.Entry<String, Held> h : held.entrySet()) {
                consider(h.getValue().seq(), h.getValue().namespace(), h.getKey(), parse(type, h.getValue().raw()));
            }
            List<String> errors = listErrors();
            errors.addAll(contradictions);
            for (Map.Entry<String, Long> h : heldByKeyOnly.entrySet()) {
                String ns = h.getKey().substring(0, h.getKey().indexOf('/'));
                String name = h.getKey().substring(ns.length() + 1);
                if (!extraNamespaces.contains(ns)) {
                    continue;
                }
                try {
                    JsonNode live = api.get(type, ns, name);
                    if (live != null) {
                        consider(h.getValue(), ns, h.getKey(), live);
                    }
                } catch (KubernetesClientException e) {
                    errors.add(type.qualifiedName() + " " + ns + "/" + name + ": cannot be read from the cluster "
                            + ObjectApi.reason(e) + ": whether it is in the cluster but not in the backup is unknown");
                }
            }
            return new Extras(found(), errors);
        }

        /** The live object's bytes, {@link #NOT_THERE}, or {@link #UNSURE} when only a GET can tell. */
        private Object find(String k, String namespace) throws InterruptedException, IOException {
            Integer scope = scopeOf.containsKey(null) ? scopeOf.get(null) : scopeOf.get(namespace);
            if (scope == null) {
                return UNSURE;
            }
            while (true) {
                Held h = held.remove(k);
                if (h != null) {
                    heldBytes -= h.raw().length;
                    return h.raw();
                }
                if (heldByKeyOnly.remove(k) != null) {
                    return UNSURE;
                }
                LiveCursor.ScopeEnd end = cursor.ended(scope);
                if (end != null) {
                    boolean trusted = end.complete() && (end.restarts() == 0 || !cursor.outOfOrder(scope));
                    return trusted ? NOT_THERE : UNSURE;
                }
                String last = cursor.reading(scope) ? cursor.lastKeyInOrder() : null;
                if (last != null && last.compareTo(k) > 0) {
                    missingByOrder.add(k);
                    return NOT_THERE; // the list is past it, in key order
                }
                LiveCursor.Item item = cursor.next();
                if (item == null) {
                    continue; // every scope has ended: decided above
                }
                if (item.key().equals(k)) {
                    return item.raw();
                }
                classify(item);
            }
        }

        /** A live object the archive has not asked for (yet). */
        private void classify(LiveCursor.Item item) throws IOException {
            String k = item.key();
            if (missingByOrder.remove(k)) {
                contradictions.add(type.qualifiedName() + " " + k + ": reported missing, but the list, which had come in key"
                        + " order until then, gave it later: it is in the cluster and was not compared");
            }
            if (visited.contains(k) || (type.namespaced() && !listedNamespaces.contains(item.namespace()))) {
                return; // already paired, or outside the namespaces a cluster-wide list was for
            }
            if (wanted.contains(k)) {
                if (heldBytes + item.raw().length <= heldBytesMax) {
                    held.put(k, new Held(item.seq(), item.namespace(), item.raw()));
                    heldBytes += item.raw().length;
                } else {
                    heldByKeyOnly.put(k, item.seq());
                }
                return;
            }
            if (item.namespace() != null && extraNamespaces.contains(item.namespace())) {
                consider(item.seq(), item.namespace(), k, parse(type, item.raw()));
            }
        }

        private void consider(long seq, String namespace, String k, JsonNode live) {
            if (namespace != null && extraNamespaces.contains(namespace) && !visited.contains(k) && counts.test(live)) {
                candidates.add(new Candidate(seq, new Extra(namespace, live.path("metadata").path("name").asText())));
            }
        }

        /** By namespace (in name order), then as listed: the order of one list per namespace. */
        private List<Extra> found() {
            candidates.sort(Comparator.comparing((Candidate c) -> c.extra().namespace()).thenComparingLong(Candidate::seq));
            return candidates.stream().map(Candidate::extra).toList();
        }

        /** Why the extras may be incomplete: a namespace whose list failed, or came out of order after a restart. */
        private List<String> listErrors() {
            List<String> errors = new ArrayList<>();
            if (extraNamespaces.isEmpty() || !type.namespaced()) {
                return errors;
            }
            for (String ns : new TreeSet<>(extraNamespaces)) {
                Integer scope = scopeOf.containsKey(null) ? scopeOf.get(null) : scopeOf.get(ns);
                LiveCursor.ScopeEnd end = scope == null ? null : cursor.ended(scope);
                if (end != null && !end.complete()) {
                    errors.add(type.qualifiedName() + " in " + ns + ": cannot be listed " + ObjectApi.reason(end.failure()));
                } else if (end != null && end.restarts() > 0 && cursor.outOfOrder(scope)) {
                    errors.add(type.qualifiedName() + " in " + ns + ": its list was restarted after 410 Gone and did not come"
                            + " in key order: objects not in the backup may be missing from this report");
                }
            }
            return errors;
        }
    }

    private static final Object NOT_THERE = new Object();
    private static final Object UNSURE = new Object();

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
