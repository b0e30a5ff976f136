package io.jenkins.plugins.k8sbackup.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesVersionPriority;
import io.jenkins.plugins.k8sbackup.util.DaemonThreads;
import io.jenkins.plugins.k8sbackup.util.Futures;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Finds every resource type the cluster serves and can list: core, named groups, CRD-defined types and
 * aggregated APIs. Like kubectl and client-go, every version of a group is read and each type is taken once: at the
 * group's preferred version where that serves it, else at the highest-priority version that does (Kubernetes version
 * order: v2 > v1 > v1beta2 > v1beta1 > v1alpha1, other names last). A CRD group whose kind A is served at v1beta2
 * (preferred) and kinds B and C only at v1beta1 so gives all three. Subresources ("pods/log") and types without the
 * list verb are left out. A group version whose discovery fails (a broken aggregated API, a common sight) is
 * reported as a {@link Failure}, not fatal.
 * A cluster serves dozens of group versions, and read one after the other they cost a round trip each before a backup
 * can start. So aggregated discovery is asked for first (two requests for everything); an older server gets its group
 * versions read up to {@link #CONCURRENT_REQUESTS} at a time (kubectl reads them all at once). Either way the
 * result keeps the server's order (core first), whatever order the answers come in.
 */
public final class ApiDiscovery {
    static final int CONCURRENT_REQUESTS = 16;
    static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
            + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    private ApiDiscovery() {}

    /** The types found, and the group versions that could not be read (their types may be missing). */
    public record Result(List<ResourceType> types, List<Failure> failures) {
        /** One line per failure, for logs and warnings. */
        public List<String> warnings() {
            return failures.stream().map(Failure::message).toList();
        }
    }

    /**
     * A group version whose discovery failed: {@code stale} when the aggregated document marks it Stale (an
     * APIService whose backend does not answer), else {@code reason} holds the HTTP code or error.
     */
    public record Failure(String group, String version, boolean stale, String reason) {
        public String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        public String message() {
            return "discovery of " + groupVersion() + " failed (" + reason + "): its resources are not backed up";
        }
    }

    private record GroupVersion(String group, String version) {
        String path() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    /** What one group version's discovery gave: its listable types, or why it could not be read. */
    private record Answer(List<ResourceType> types, Failure failure) {}

    public static Result discover(KubernetesClient client, ApiCaller caller) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_REQUESTS, DaemonThreads.named("k8s-backup-discovery"));
        try {
            Optional<Result> aggregated = aggregated(client, caller, pool);
            return aggregated.isPresent() ? aggregated.get() : perGroupVersion(client, caller, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A group's versions in the order its types are taken from them: the preferred one first, then the others by
     * Kubernetes version priority (the server's own order is not relied on).
     */
    static List<String> takingOrder(String preferred, List<String> versions) {
        List<String> others = new ArrayList<>(versions);
        others.remove(preferred);
        List<String> order = new ArrayList<>();
        if (preferred != null) {
            order.add(preferred);
        }
        order.addAll(KubernetesVersionPriority.sortByPriority(others, v -> v));
        return order;
    }

    /**
     * Aggregated discovery (Kubernetes 1.26+, GA in 1.30): /api and /apis each answer with every group's versions
     * and resources, so two requests replace one per group version. Empty when the server answers with the older
     * documents instead, or not at all: the per-group walk then runs (and reports what is really wrong, if anything is).
     */
    private static Optional<Result> aggregated(KubernetesClient client, ApiCaller caller, ExecutorService pool) throws InterruptedException {
        CompletableFuture<JsonNode> core = CompletableFuture.supplyAsync(() -> aggregatedDocument(client, caller, "/api"), pool);
        CompletableFuture<JsonNode> named = CompletableFuture.supplyAsync(() -> aggregatedDocument(client, caller, "/apis"), pool);
        JsonNode coreDoc = Futures.awaitUnchecked(core);
        JsonNode groups = Futures.awaitUnchecked(named);
        if (groups == null || coreDoc == null) {
            return Optional.empty();
        }
        List<Answer> answers = new ArrayList<>();
        for (JsonNode document : List.of(coreDoc, groups)) {
            for (JsonNode g : document.path("items")) {
                String group = g.path("metadata").path("name").asText("");
                Map<String, JsonNode> byVersion = new LinkedHashMap<>();
                g.path("versions").forEach(v -> byVersion.put(v.path("version").asText(), v));
                if (byVersion.isEmpty()) {
                    continue;
                }
                String preferred = byVersion.keySet().iterator().next(); // versions come in order of preference
                for (String version : takingOrder(preferred, List.copyOf(byVersion.keySet()))) {
                    answers.add(aggregatedAnswer(new GroupVersion(group, version), byVersion.get(version)));
                }
            }
        }
        return Optional.of(result(answers));
    }

    /** One group version of an aggregated document, as the per-group walk would have read it. */
    private static Answer aggregatedAnswer(GroupVersion gv, JsonNode version) {
        if ("Stale".equals(version.path("freshness").asText())) {
            return new Answer(List.of(), new Failure(gv.group(), gv.version(), true, "stale: its API server did not answer"));
        }
        List<ResourceType> types = new ArrayList<>();
        for (JsonNode r : version.path("resources")) {
            String resource = r.path("resource").asText();
            if (listable(resource, Json.MAPPER.convertValue(r.path("verbs"), List.class))) {
                types.add(new ResourceType(gv.group(), gv.version(), resource, r.path("responseKind").path("kind").asText(),
                        "Namespaced".equals(r.path("scope").asText())));
            }
        }
        return new Answer(types, null);
    }

    /** The aggregated document at {@code path}, or null when the server answered with something else. */
    private static JsonNode aggregatedDocument(KubernetesClient client, ApiCaller caller, String path) {
        try {
            byte[] body = caller.call(() -> ApiGet.get(client, path, AGGREGATED));
            JsonNode doc = Json.MAPPER.readTree(body);
            return doc != null && "APIGroupDiscoveryList".equals(doc.path("kind").asText()) ? doc : null;
        } catch (KubernetesClientException | IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** Discovery before aggregated discovery: the group list, then every version of every group. */
    private static Result perGroupVersion(KubernetesClient client, ApiCaller caller, ExecutorService pool) throws InterruptedException {
        List<GroupVersion> versions = new ArrayList<>();
        versions.add(new GroupVersion("", "v1"));
        for (APIGroup group : caller.call(() -> client.getApiGroups()).getGroups()) {
            List<String> served = group.getVersions().stream().map(GroupVersionForDiscovery::getVersion).toList();
            String preferred = group.getPreferredVersion() != null ? group.getPreferredVersion().getVersion()
                    : served.isEmpty() ? null : served.get(0);
            takingOrder(preferred, served).forEach(v -> versions.add(new GroupVersion(group.getName(), v)));
        }
        List<CompletableFuture<Answer>> pending = new ArrayList<>();
        for (GroupVersion gv : versions) {
            pending.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return read(client, caller, gv);
                } catch (InterruptedException e) {
                    throw new CompletionException(e);
                }
            }, pool));
        }
        List<Answer> answers = new ArrayList<>();
        for (CompletableFuture<Answer> answer : pending) {
            answers.add(Futures.awaitUnchecked(answer));
        }
        return result(answers);
    }

    /**
     * In the server's order, whatever order the answers came in. The answers of a group come in taking order, so
     * keeping the first version that serves a type keeps the preferred one, else the highest-priority one.
     */
    private static Result result(List<Answer> answers) {
        Map<String, ResourceType> byName = new LinkedHashMap<>();
        List<Failure> failures = new ArrayList<>();
        for (Answer a : answers) {
            if (a.failure() != null) {
                failures.add(a.failure());
            }
            a.types().forEach(t -> byName.putIfAbsent(t.qualifiedName(), t));
        }
        return new Result(List.copyOf(byName.values()), List.copyOf(failures));
    }

    /** Subresources ("pods/log") are not types of their own, and what cannot be listed cannot be backed up. */
    private static boolean listable(String resource, List<?> verbs) {
        return !resource.contains("/") && verbs != null && verbs.contains("list");
    }

    private static Answer read(KubernetesClient client, ApiCaller caller, GroupVersion gv) throws InterruptedException {
        APIResourceList list;
        try {
            list = caller.call(() -> client.getApiResources(gv.path()));
        } catch (KubernetesClientException e) {
            String why = e.getCode() > 0 ? String.valueOf(e.getCode()) : ApiErrors.describe(e);
            return new Answer(List.of(), new Failure(gv.group(), gv.version(), false, why));
        }
        List<ResourceType> types = new ArrayList<>();
        if (list != null && list.getResources() != null) {
            for (APIResource r : list.getResources()) {
                if (!listable(r.getName(), r.getVerbs())) {
                    continue;
                }
                types.add(new ResourceType(gv.group(), gv.version(), r.getName(), r.getKind(), Boolean.TRUE.equals(r.getNamespaced())));
            }
        }
        return new Answer(types, null);
    }
}
