package io.jenkins.plugins.k8sbackup.testkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesVersionPriority;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts in front of fabric8's CRUD dispatcher what a real API server does and the mock does not:
 * discovery (built-in types plus the CRDs and aggregated APIServices stored in the mock), limit/continue paging
 * over a consistent snapshot, 410 Gone for expired continue tokens, 429 throttling, write-only Secret stringData
 * and (when asked) admission webhooks that cannot be called.
 */
final class MockApiDispatcher extends Dispatcher {
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final int SNAPSHOTS_KEPT = 8;

    private final Dispatcher crud;
    private final ApiFaults faults;
    private final AtomicLong snapshotIds = new AtomicLong();
    /** A consistent list: its items in key order, each already serialised (a page is then a byte copy). */
    private record Snapshot(String kind, String resourceVersion, List<byte[]> items, long writes) {}

    /**
     * Lists as the store answered them, by store query, while no write has completed since ({@link Snapshot#writes}).
     * The store scans every object it holds for any list, so listing the namespaces of a store of 100k ConfigMaps
     * took as long as listing the ConfigMaps; a real API server lists each type from its own watch cache.
     */
    private final Map<String, Snapshot> listCache = new java.util.concurrent.ConcurrentHashMap<>();

    /** A snapshot's items parsed, for {@link #stored}. */
    private record Parsed(Snapshot source, List<JsonNode> items) {}

    private final Map<String, Parsed> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<Long, Snapshot> snapshots = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Snapshot> eldest) {
            return size() > SNAPSHOTS_KEPT;
        }
    };
    final AtomicInteger pagedListRequests = new AtomicInteger();
    /** Requests for /api, /api/v1, /apis, /apis/G and /apis/G/V. */
    final AtomicInteger discoveryRequests = new AtomicInteger();
    final AtomicInteger unpagedListRequests = new AtomicInteger();
    /** GETs of single objects (not lists, not watches): what a diff by list should hardly need. */
    final AtomicInteger objectGetRequests = new AtomicInteger();
    final AtomicInteger writeRequests = new AtomicInteger();
    /** Counted once a write is done: a read started during a write is then cached under the count before it. */
    private final AtomicLong completedWrites = new AtomicLong();
    /** Time spent in the CRUD store on writes: it holds a write lock and scans the whole store for each one. */
    final AtomicLong writeServiceNanos = new AtomicLong();
    /** Every accepted write as "METHOD path[?query] -> code", in arrival order: tests assert on ordering and dry-runs. */
    final java.util.Queue<String> writeLog = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ServerSideWrites serverSideWrites;
    private final AdmissionWebhooks webhooks = new AdmissionWebhooks(this);
    final ExecSimulator exec = new ExecSimulator();

    MockApiDispatcher(Dispatcher crud, ApiFaults faults) {
        this.crud = crud;
        this.faults = faults;
        this.serverSideWrites = new ServerSideWrites(crud, this::servesCollection);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String full = request.getPath();
        int q = full.indexOf('?');
        String path = q < 0 ? full : full.substring(0, q);
        Map<String, String> query = parseQuery(q < 0 ? "" : full.substring(q + 1));
        HttpMethod method = request.method();
        try {
            MockResponse discovery = method == HttpMethod.GET ? discovery(request, path) : null;
            if (discovery != null) {
                return discovery;
            }
            if (ExecSimulator.isExec(path)) {
                return exec.dispatch(request, path, q < 0 ? "" : full.substring(q + 1));
            }
            boolean write = method != HttpMethod.GET;
            if (faults.shouldThrottle(write)) {
                return status(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later")
                        .setHeader("Retry-After", String.valueOf(faults.retryAfterSeconds()));
            }
            if (write) {
                writeRequests.incrementAndGet();
                long started = System.nanoTime();
                MockResponse response;
                try {
                    MockResponse refused = faults.enforceAdmissionWebhooks() ? webhooks.refusal(method, path) : null;
                    response = refused != null ? refused : write(request, path, query);
                } finally {
                    completedWrites.incrementAndGet();
                }
                writeServiceNanos.addAndGet(System.nanoTime() - started);
                writeLog.add(method + " " + full + " -> " + response.code());
                // answered later without holding the dispatcher, as a server waiting on etcd serves others meanwhile
                return faults.writeLatencyMillis() > 0
                        ? response.setBodyDelay(java.time.Duration.ofMillis(faults.writeLatencyMillis())) : response;
            }
            if (method == HttpMethod.GET && isCollection(path) && !"true".equals(query.get("watch"))) {
                return list(request, path, query);
            }
            if (method == HttpMethod.GET && !"true".equals(query.get("watch"))) {
                objectGetRequests.incrementAndGet();
            }
            return crud.dispatch(request);
        } catch (Exception e) {
            return status(500, "InternalError", e.toString());
        }
    }

    /**
     * Stores an object straight into the CRUD store, without HTTP, for benchmarks of 100k objects: a create through
     * the CRUD dispatcher scans the whole store for a conflict, so seeding that way is quadratic. The key is the one
     * a create computes (the collection path's attributes and the object's own); the object must already carry what
     * a create adds (uid, resourceVersion, creationTimestamp). Only before the cluster serves requests: this bypasses
     * the store's lock.
     */
    void seed(String collectionPath, byte[] json) {
        KubernetesCrudDispatcher store = crudStore();
        String object = new String(json, StandardCharsets.UTF_8);
        store.getMap().put(AttributeSet.merge(store.getAttributeExtractor().fromPath(collectionPath),
                store.getAttributeExtractor().fromResource(object)), object);
        completedWrites.incrementAndGet();
    }

    private KubernetesCrudDispatcher crudStore() {
        try {
            // KubernetesMixedDispatcher offers no accessor for the CRUD dispatcher it delegates to
            java.lang.reflect.Field f = KubernetesMixedDispatcher.class.getDeclaredField("kubernetesCrudDispatcher");
            f.setAccessible(true);
            return (KubernetesCrudDispatcher) f.get(crud);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this kubernetes-server-mock has no kubernetesCrudDispatcher field", e);
        }
    }

    /** A write, with what a real API server does about dry-run and merge patch. */
    private MockResponse write(RecordedRequest request, String path, Map<String, String> query) throws Exception {
        if ("All".equals(query.get("dryRun"))) {
            switch (faults.dryRunSupport()) {
                case HONOUR:
                    return serverSideWrites.dryRun(request, path);
                case REFUSE:
                    return status(400, "BadRequest", "dryRun is not supported by this server");
                case IGNORE:
                    break;
            }
        } else if (ServerSideWrites.isMergePatch(request)) {
            return serverSideWrites.mergePatch(request, path);
        }
        return crud.dispatch(SecretStringData.merged(request, path));
    }

    // ---- paging -------------------------------------------------------------------------------------

    private MockResponse list(RecordedRequest request, String path, Map<String, String> query) throws Exception {
        if (faults.listForbidden(path.substring(path.lastIndexOf('/') + 1))) {
            return status(403, "Forbidden", "cannot list resource \"" + path.substring(path.lastIndexOf('/') + 1)
                    + "\": RBAC: list is not granted");
        }
        String token = query.get("continue");
        int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : 0;
        Snapshot snapshot;
        int offset;
        long snapshotId;
        if (token != null && !token.isEmpty()) {
            if (faults.shouldExpireContinue()) {
                return status(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            snapshotId = Long.parseLong(parts[0]);
            offset = Integer.parseInt(parts[1]);
            synchronized (snapshots) {
                snapshot = snapshots.get(snapshotId);
            }
            if (snapshot == null) {
                return status(410, "Expired", "The provided continue parameter is too old to display a consistent list result.");
            }
        } else {
            Map<String, String> forward = new LinkedHashMap<>(query);
            forward.remove("limit");
            forward.remove("continue");
            StoreList listed = storeList(path + toQuery(forward), request.getHeaders());
            if (listed.failure() != null) {
                return listed.failure();
            }
            snapshot = listed.snapshot();
            offset = 0;
            if (limit <= 0 || snapshot.items().size() <= limit) {
                unpagedListRequests.incrementAndGet();
                return page(snapshot, 0, snapshot.items().size(), null);
            }
            snapshotId = snapshotIds.incrementAndGet();
            synchronized (snapshots) {
                snapshots.put(snapshotId, snapshot);
            }
        }
        pagedListRequests.incrementAndGet();
        int end = limit <= 0 ? snapshot.items().size() : Math.min(snapshot.items().size(), offset + limit);
        if (end == snapshot.items().size()) {
            // the last page carries no token, so nothing can ask for this snapshot again: a list of 100k objects
            // kept alive after it is done only makes the mock's garbage collections, and so its answers, slower
            synchronized (snapshots) {
                snapshots.remove(snapshotId);
            }
        }
        return page(snapshot, offset, end, snapshotId);
    }

    /** The store's answer to a list query: its items, or the store's error response. */
    private record StoreList(Snapshot snapshot, MockResponse failure) {}

    /** A list from the store, or from {@link #listCache} while no write has completed since it was read. */
    private StoreList storeList(String storeQuery, Headers headers) throws IOException {
        long writes = completedWrites.get();
        Snapshot cached = listCache.get(storeQuery);
        if (cached != null && cached.writes() == writes) {
            return new StoreList(cached, null);
        }
        MockResponse all = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, storeQuery, headers, new Buffer()));
        if (all.code() != 200) {
            return new StoreList(null, all);
        }
        Snapshot snapshot = sortedSnapshot(all.getBody().getBytes(), writes);
        listCache.put(storeQuery, snapshot);
        return new StoreList(snapshot, null);
    }

    /** Items [from, to) of a snapshot as a list response; with a continue token when a snapshot id is given and more remain. */
    private static MockResponse page(Snapshot snapshot, int from, int to, Long snapshotId) throws Exception {
        List<byte[]> items = snapshot.items();
        ObjectNode meta = JSON.createObjectNode();
        meta.put("resourceVersion", snapshotId == null ? snapshot.resourceVersion() : String.valueOf(snapshotId));
        if (snapshotId != null && to < items.size()) {
            meta.put("continue", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((snapshotId + ":" + to).getBytes(StandardCharsets.UTF_8)));
            meta.put("remainingItemCount", items.size() - to);
        }
        java.io.ByteArrayOutputStream page = new java.io.ByteArrayOutputStream();
        page.writeBytes(("{\"apiVersion\":\"v1\",\"kind\":" + JSON.writeValueAsString(snapshot.kind()) + ",\"metadata\":"
                + JSON.writeValueAsString(meta) + ",\"items\":[").getBytes(StandardCharsets.UTF_8));
        for (int i = from; i < to; i++) {
            if (i > from) {
                page.write(',');
            }
            page.writeBytes(items.get(i));
        }
        page.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(page.toByteArray());
    }

    private record Keyed(String key, byte[] json) {}

    /**
     * The CRUD store's list response split into its items, in key order. Streamed: only each item's metadata is
     * parsed, so a list of 100k objects costs a copy of their bytes, not a tree of them.
     */
    private static Snapshot sortedSnapshot(byte[] list, long writes) throws IOException {
        String kind = "List";
        String resourceVersion = "";
        List<Keyed> keyed = new ArrayList<>();
        try (JsonParser p = JSON.createParser(list)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("kind") && value == JsonToken.VALUE_STRING) {
                    kind = p.getText();
                } else if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                    resourceVersion = JSON.<JsonNode>readTree(p).path("resourceVersion").asText("");
                } else if (field.equals("items") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        int start = (int) p.currentTokenLocation().getByteOffset();
                        String ns = "";
                        String name = "";
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String member = p.currentName();
                            if (p.nextToken() == JsonToken.START_OBJECT && member.equals("metadata")) {
                                JsonNode metadata = JSON.readTree(p);
                                ns = metadata.path("namespace").asText("");
                                name = metadata.path("name").asText("");
                            } else {
                                p.skipChildren();
                            }
                        }
                        int end = (int) p.currentTokenLocation().getByteOffset() + 1;
                        keyed.add(new Keyed(ns + "/" + name, java.util.Arrays.copyOfRange(list, start, end)));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        keyed.sort(java.util.Comparator.comparing(Keyed::key));
        return new Snapshot(kind, resourceVersion, keyed.stream().map(Keyed::json).toList(), writes);
    }

    /** Collections: /api/v1/R, /api/v1/namespaces/N/R, /apis/G/V/R, /apis/G/V/namespaces/N/R. */
    static boolean isCollection(String path) {
        String[] s = path.replaceAll("^/+", "").split("/");
        int base;
        if (s.length >= 2 && s[0].equals("api")) {
            base = 2;
        } else if (s.length >= 3 && s[0].equals("apis")) {
            base = 3;
        } else {
            return false;
        }
        int rest = s.length - base;
        return rest == 1 || (rest == 3 && s[base].equals("namespaces"));
    }

    // ---- discovery ----------------------------------------------------------------------------------

    private MockResponse discovery(RecordedRequest request, String path) throws Exception {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (p.equals("/api") || p.equals("/api/v1") || p.startsWith("/apis") && p.split("/").length <= 4) {
            discoveryRequests.incrementAndGet();
        }
        if ((p.equals("/api") || p.equals("/apis")) && !faults.legacyDiscoveryOnly()
                && String.valueOf(request.getHeader("Accept")).contains("as=APIGroupDiscoveryList")) {
            return aggregatedDiscovery(p.equals("/api"));
        }
        if (p.equals("/version")) {
            ObjectNode v = JSON.createObjectNode();
            v.put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0-k8sbackup-mock")
                    .put("platform", "linux/amd64").put("buildDate", "2026-01-01T00:00:00Z")
                    .put("gitCommit", "0000000").put("gitTreeState", "clean").put("goVersion", "go1.23")
                    .put("compiler", "gc");
            return json(200, v);
        }
        if (p.equals("/api")) {
            ObjectNode v = JSON.createObjectNode();
            v.put("kind", "APIVersions");
            v.putArray("versions").add("v1");
            v.putArray("serverAddressByClientCIDRs");
            return json(200, v);
        }
        if (p.equals("/api/v1")) {
            return json(200, resourceList("v1", resourcesOf("v1")));
        }
        if (p.equals("/apis")) {
            return json(200, groupList());
        }
        String[] s = p.split("/");
        if (s.length == 4 && s[1].equals("apis")) {
            String gv = s[2] + "/" + s[3];
            if (discoveryBroken(gv)) {
                return status(503, "ServiceUnavailable", "the server is currently unable to handle the request");
            }
            List<ApiResourceSpec> resources = resourcesOf(gv);
            if (!resources.isEmpty() || listedGroupVersion(gv)) {
                return json(200, resourceList(gv, resources));
            }
            return status(404, "NotFound", "the server could not find the requested resource");
        }
        if (s.length == 3 && s[1].equals("apis")) {
            for (JsonNode g : groupList().get("groups")) {
                if (g.get("name").asText().equals(s[2])) {
                    ObjectNode group = ((ObjectNode) g).deepCopy();
                    group.put("kind", "APIGroup").put("apiVersion", "v1");
                    return json(200, group);
                }
            }
            return status(404, "NotFound", "the server could not find the requested resource");
        }
        return null;
    }

    /**
     * Aggregated discovery (apidiscovery.k8s.io/v2, Kubernetes 1.26+; GA in 1.30): every group's versions and
     * resources in one answer, preferred version first, subresources nested under their resource. A version whose
     * discovery is broken is listed as Stale with no resources, as an API server does for an unreachable aggregated API.
     */
    private MockResponse aggregatedDiscovery(boolean core) throws Exception {
        ObjectNode list = JSON.createObjectNode();
        list.put("kind", "APIGroupDiscoveryList").put("apiVersion", "apidiscovery.k8s.io/v2");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        if (core) {
            addDiscoveredGroup(items, "", List.of("v1"));
        } else {
            for (JsonNode g : groupList().get("groups")) {
                List<String> versions = new ArrayList<>();
                versions.add(g.path("preferredVersion").path("version").asText());
                for (JsonNode v : g.get("versions")) {
                    if (!versions.contains(v.get("version").asText())) {
                        versions.add(v.get("version").asText());
                    }
                }
                addDiscoveredGroup(items, g.get("name").asText(), versions);
            }
        }
        return json(200, list).setHeader("Content-Type", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    }

    private void addDiscoveredGroup(ArrayNode items, String group, List<String> versions) throws Exception {
        ObjectNode g = items.addObject();
        g.putObject("metadata").put("name", group);
        ArrayNode vs = g.putArray("versions");
        for (String version : versions) {
            String gv = group.isEmpty() ? version : group + "/" + version;
            ObjectNode v = vs.addObject().put("version", version);
            ArrayNode resources = v.putArray("resources");
            boolean broken = discoveryBroken(gv);
            v.put("freshness", broken ? "Stale" : "Current");
            if (broken) {
                continue;
            }
            Map<String, ObjectNode> byPlural = new LinkedHashMap<>();
            for (ApiResourceSpec r : resourcesOf(gv)) {
                int slash = r.plural().indexOf('/');
                if (slash >= 0) {
                    ObjectNode parent = byPlural.get(r.plural().substring(0, slash));
                    if (parent != null) {
                        ObjectNode sub = parent.withArray("subresources").addObject().put("subresource", r.plural().substring(slash + 1));
                        r.verbs().forEach(sub.putArray("verbs")::add);
                    }
                    continue;
                }
                ObjectNode o = resources.addObject().put("resource", r.plural());
                o.putObject("responseKind").put("group", group).put("version", version).put("kind", r.kind());
                o.put("scope", r.namespaced() ? "Namespaced" : "Cluster");
                r.verbs().forEach(o.putArray("verbs")::add);
                byPlural.put(r.plural(), o);
            }
        }
    }

    /** Whether a collection path (core, group, namespaced or not) names a type discovery serves. */
    private boolean servesCollection(String collection) {
        String[] s = collection.replaceAll("^/+", "").split("/");
        String groupVersion = s[0].equals("api") ? s[1] : s[1] + "/" + s[2];
        String plural = s[s.length - 1];
        try {
            return resourcesOf(groupVersion).stream().anyMatch(r -> r.plural().equals(plural));
        } catch (Exception e) {
            return false;
        }
    }

    private List<ApiResourceSpec> resourcesOf(String groupVersion) throws Exception {
        List<ApiResourceSpec> out = new ArrayList<>();
        for (ApiResourceSpec r : allResources()) {
            if (r.groupVersion().equals(groupVersion)) {
                out.add(r);
            }
        }
        return out;
    }

    private List<ApiResourceSpec> allResources() throws Exception {
        List<ApiResourceSpec> out = new ArrayList<>(BuiltinApi.RESOURCES);
        for (JsonNode crd : storedCrds()) {
            JsonNode spec = crd.path("spec");
            String group = spec.path("group").asText();
            String plural = spec.path("names").path("plural").asText();
            String kind = spec.path("names").path("kind").asText();
            boolean namespaced = !"Cluster".equals(spec.path("scope").asText());
            for (JsonNode v : spec.path("versions")) {
                if (v.path("served").asBoolean(true)) {
                    out.add(new ApiResourceSpec(group, v.path("name").asText(), plural, kind, namespaced, ApiResourceSpec.ALL_VERBS));
                    if (v.path("subresources").has("status")) {
                        out.add(new ApiResourceSpec(group, v.path("name").asText(), plural + "/status", kind, namespaced,
                                List.of("get", "patch", "update")));
                    }
                }
            }
        }
        return out;
    }

    /** The CRDs in the store, for discovery. */
    private List<JsonNode> storedCrds() throws Exception {
        return stored("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
    }

    /**
     * The objects of a collection in the store, not to be modified: from the list cache, so read and parsed again only
     * after a write (discovery reads every CRD for each request, and one CRD can be megabytes).
     */
    List<JsonNode> stored(String collection) throws Exception {
        StoreList listed = storeList(collection, Headers.builder().build());
        if (listed.snapshot() == null) {
            return List.of();
        }
        Parsed known = parsed.get(collection);
        if (known != null && known.source() == listed.snapshot()) {
            return known.items();
        }
        List<JsonNode> out = new ArrayList<>();
        for (byte[] item : listed.snapshot().items()) {
            out.add(JSON.readTree(item));
        }
        parsed.put(collection, new Parsed(listed.snapshot(), List.copyOf(out)));
        return out;
    }

    /** Whether a single object path ("/api/v1/namespaces/N/services/S") names a stored object. */
    boolean exists(String objectPath) {
        return crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, objectPath, Headers.builder().build(), new Buffer()))
                .code() == 200;
    }

    /**
     * APIServices with a Service behind them (the API server's own groups have none): aggregated APIs, whose
     * group versions the aggregator lists under /apis and whose discovery it forwards to that Service.
     */
    private List<JsonNode> aggregatedApis() throws Exception {
        return stored("/apis/apiregistration.k8s.io/v1/apiservices").stream()
                .filter(a -> a.path("spec").path("service").isObject()).toList();
    }

    /**
     * Discovery of a group version fails: broken by {@link ApiFaults#breakDiscoveryOf}, or an aggregated API whose
     * Service does not exist (the aggregator answers 503 and aggregated discovery marks it Stale). An aggregated API
     * whose Service exists answers with no resources: the mock cannot play its backend.
     */
    private boolean discoveryBroken(String groupVersion) throws Exception {
        if (faults.discoveryBroken(groupVersion)) {
            return true;
        }
        for (JsonNode api : aggregatedApis()) {
            JsonNode spec = api.path("spec");
            if ((spec.path("group").asText() + "/" + spec.path("version").asText()).equals(groupVersion)) {
                JsonNode service = spec.path("service");
                return !exists("/api/v1/namespaces/" + service.path("namespace").asText() + "/services/"
                        + service.path("name").asText());
            }
        }
        return false;
    }

    private boolean listedGroupVersion(String groupVersion) throws Exception {
        for (JsonNode g : groupList().get("groups")) {
            for (JsonNode v : g.get("versions")) {
                if (v.get("groupVersion").asText().equals(groupVersion)) {
                    return true;
                }
            }
        }
        return false;
    }

    private ObjectNode groupList() throws Exception {
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        Map<String, String> preferred = new LinkedHashMap<>();
        for (String gv : BuiltinApi.PREFERRED_GROUP_VERSIONS) {
            String[] p = gv.split("/");
            versionsByGroup.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
            preferred.put(p[0], p[1]);
        }
        for (String gv : BuiltinApi.OTHER_GROUP_VERSIONS) {
            String[] p = gv.split("/");
            versionsByGroup.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
        }
        // A CRD group serves every version any of its CRDs serves, highest priority first, and prefers the first
        // (as the API server's discovery of custom resources does): not the storage version, not any one CRD's.
        Map<String, java.util.Set<String>> added = new LinkedHashMap<>();
        for (JsonNode crd : storedCrds()) {
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (v.path("served").asBoolean(true)) {
                    added.computeIfAbsent(crd.path("spec").path("group").asText(),
                            k -> new java.util.LinkedHashSet<>()).add(v.path("name").asText());
                }
            }
        }
        for (JsonNode api : aggregatedApis()) {
            added.computeIfAbsent(api.path("spec").path("group").asText(), k -> new java.util.LinkedHashSet<>())
                    .add(api.path("spec").path("version").asText());
        }
        added.forEach((group, served) -> {
            List<String> versions = KubernetesVersionPriority.sortByPriority(new ArrayList<>(served), v -> v);
            List<String> vs = versionsByGroup.computeIfAbsent(group, k -> new ArrayList<>());
            versions.stream().filter(v -> !vs.contains(v)).forEach(vs::add);
            preferred.putIfAbsent(group, versions.get(0));
        });
        ObjectNode list = JSON.createObjectNode();
        list.put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        versionsByGroup.forEach((group, versions) -> {
            ObjectNode g = groups.addObject();
            g.put("name", group);
            ArrayNode vs = g.putArray("versions");
            for (String v : versions) {
                vs.addObject().put("groupVersion", group + "/" + v).put("version", v);
            }
            g.putObject("preferredVersion").put("groupVersion", group + "/" + preferred.get(group))
                    .put("version", preferred.get(group));
        });
        return list;
    }

    private static ObjectNode resourceList(String groupVersion, List<ApiResourceSpec> resources) {
        ObjectNode list = JSON.createObjectNode();
        list.put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", groupVersion);
        ArrayNode arr = list.putArray("resources");
        for (ApiResourceSpec r : resources) {
            ObjectNode o = arr.addObject();
            o.put("name", r.plural()).put("singularName", "").put("namespaced", r.namespaced()).put("kind", r.kind());
            ArrayNode verbs = o.putArray("verbs");
            r.verbs().forEach(verbs::add);
        }
        return list;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static Map<String, String> parseQuery(String q) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : q.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static String toQuery(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("?");
        query.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append('&');
            }
            sb.append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    static MockResponse json(int code, JsonNode body) {
        try {
            return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsBytes(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static MockResponse status(int code, String reason, String message) {
        ObjectNode s = JSON.createObjectNode();
        s.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure").put("message", message)
                .put("reason", reason).put("code", code);
        s.putObject("metadata");
        if (code == 429) {
            s.putObject("details").put("retryAfterSeconds", 1);
        }
        return json(code, s);
    }
}
