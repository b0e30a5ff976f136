package io.jenkins.plugins.k8sbackup.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes objects of any type as JSON trees, every call through the shared {@link ApiCaller}
 * (rate limit, 429/5xx retries). {@code dryRun} adds the server's {@code ?dryRun=All}.
 */
public final class ObjectApi {
    private final KubernetesClient client;
    private final ApiCaller caller;

    public ObjectApi(KubernetesClient client, ApiCaller caller) {
        this.client = client;
        this.caller = caller;
    }

    public ApiCaller caller() {
        return caller;
    }

    public KubernetesClient client() {
        return client;
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> ops(
            ResourceType type, String namespace) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> ops =
                client.genericKubernetesResources(type.context());
        return type.namespaced() ? ops.inNamespace(namespace) : ops;
    }

    /** The live object, or null when it does not exist. */
    public JsonNode get(ResourceType type, String namespace, String name) throws InterruptedException {
        GenericKubernetesResource live = caller.call(() -> ops(type, namespace).withName(name).get());
        return live == null ? null : Json.MAPPER.valueToTree(live);
    }

    /**
     * Sent as JSON bytes (see {@link ApiPost}), no model objects in between. A 2xx is the creation: the object the
     * server answers with is not parsed, which a restore of many small objects would pay for on every write.
     */
    public void create(ResourceType type, String namespace, JsonNode object, boolean dryRun) throws InterruptedException {
        post(type, namespace, object, dryRun);
    }

    /** {@link #create}, answered with the object the server created (for a write that must follow it). */
    public JsonNode createAndRead(ResourceType type, String namespace, JsonNode object, boolean dryRun) throws InterruptedException {
        byte[] created = post(type, namespace, object, dryRun);
        try {
            return Json.MAPPER.readTree(created);
        } catch (java.io.IOException e) {
            throw new KubernetesClientException("the API server answered a create with no object: " + e.getMessage(), e);
        }
    }

    private byte[] post(ResourceType type, String namespace, JsonNode object, boolean dryRun) throws InterruptedException {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(object);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a Kubernetes object: " + e.getOriginalMessage(), e);
        }
        String path = ApiPost.collectionPath(type, namespace) + (dryRun ? "?dryRun=All" : "");
        return caller.write(() -> ApiPost.post(client, path, body));
    }

    public JsonNode mergePatch(ResourceType type, String namespace, String name, JsonNode patch, boolean dryRun)
            throws InterruptedException {
        String body = patch.toString();
        return Json.MAPPER.valueToTree(caller.write(() -> ops(type, namespace).withName(name).dryRun(dryRun)
                .patch(PatchContext.of(PatchType.JSON_MERGE), body)));
    }

    /** Writes the status subresource (only for {@code --restore-status}). */
    public void updateStatus(ResourceType type, String namespace, JsonNode objectWithStatus) throws InterruptedException {
        GenericKubernetesResource resource = toResource(objectWithStatus);
        caller.write(() -> ops(type, namespace).resource(resource).updateStatus());
    }

    /** Deletes one object, orphaning its dependents: a restore never deletes what it did not select. */
    public boolean delete(ResourceType type, String namespace, String name, boolean dryRun) throws InterruptedException {
        return caller.write(() -> !ops(type, namespace).withName(name).dryRun(dryRun)
                .withPropagationPolicy(DeletionPropagation.ORPHAN).delete().isEmpty());
    }

    /** Every live object of a type in one namespace (or cluster-wide), paged. */
    public List<JsonNode> list(ResourceType type, String namespace) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        String token = null;
        do {
            String cont = token;
            GenericKubernetesResourceList page = caller.call(() -> ops(type, namespace)
                    .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(500L).withContinue(cont).build()));
            page.getItems().forEach(i -> out.add(Json.MAPPER.valueToTree(i)));
            token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (token != null && !token.isEmpty());
        return out;
    }

    static GenericKubernetesResource toResource(JsonNode object) {
        try {
            return Json.MAPPER.treeToValue(object, GenericKubernetesResource.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a Kubernetes object: " + e.getOriginalMessage(), e);
        }
    }

    /** The API server's own words, or what the client met when no answer came (see {@link ApiErrors}); never a body. */
    public static String reason(KubernetesClientException e) {
        return ApiErrors.reason(e);
    }
}
