package io.jenkins.plugins.k8sbackup.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rewrites an object of the backup into its target namespace and the references that name namespaces:
 * metadata.namespace, a Namespace's own name (and its kubernetes.io/metadata.name label), RoleBinding and
 * ClusterRoleBinding subjects (ServiceAccount references), a PV's claimRef, and a webhook's service.
 */
public final class NamespaceMapping implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    static final String METADATA_NAME_LABEL = "kubernetes.io/metadata.name";

    private final Map<String, String> mapping;

    /** Checks the pairs: namespace names on both sides, no two sources mapped to one target. */
    public NamespaceMapping(Map<String, String> mapping) {
        this.mapping = validate(mapping);
    }

    /** Parses "source=target" pairs, as given on a command line. */
    public static Map<String, String> parse(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("invalid namespace mapping '" + pair + "': expected source=target");
            }
            String source = pair.substring(0, eq).trim();
            if (out.put(source, pair.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("namespace '" + source + "' is mapped twice");
            }
        }
        return validate(out);
    }

    private static Map<String, String> validate(Map<String, String> mapping) {
        Set<String> targets = new HashSet<>();
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            for (String ns : new String[] {e.getKey(), e.getValue()}) {
                if (ns == null || ns.length() > 63 || !DNS_LABEL.matcher(ns).matches()) {
                    throw new IllegalArgumentException("invalid namespace name '" + ns + "' in the namespace mapping: " + SelectionBuilder.NAMESPACE_RULE);
                }
            }
            if (!targets.add(e.getValue())) {
                throw new IllegalArgumentException("two namespaces are mapped to '" + e.getValue() + "'");
            }
        }
        return Map.copyOf(mapping);
    }

    public String target(String sourceNamespace) {
        return sourceNamespace == null ? null : mapping.getOrDefault(sourceNamespace, sourceNamespace);
    }

    public boolean isEmpty() {
        return mapping.isEmpty();
    }

    /** Source namespace → target namespace. */
    public Map<String, String> pairs() {
        return mapping;
    }

    /** Rewrites {@code o} (a copy owned by the caller) in place. */
    public ObjectNode apply(String resource, ObjectNode o) {
        if (mapping.isEmpty()) {
            return o;
        }
        ObjectNode meta = (ObjectNode) o.get("metadata");
        if (meta.hasNonNull("namespace")) {
            meta.put("namespace", target(meta.get("namespace").asText()));
        }
        switch (resource) {
            case WellKnownTypes.NAMESPACES -> renameNamespace(meta);
            case "rolebindings.rbac.authorization.k8s.io", "clusterrolebindings.rbac.authorization.k8s.io" -> subjects(o);
            case WellKnownTypes.PVS -> rewrite(o.path("spec").path("claimRef"), "namespace");
            case "validatingwebhookconfigurations.admissionregistration.k8s.io",
                    "mutatingwebhookconfigurations.admissionregistration.k8s.io" -> {
                for (JsonNode hook : o.path("webhooks")) {
                    rewrite(hook.path("clientConfig").path("service"), "namespace");
                }
            }
            default -> { }
        }
        return o;
    }

    private void renameNamespace(ObjectNode meta) {
        String target = target(meta.path("name").asText());
        meta.put("name", target);
        // the API server sets this label to the namespace's name; a stale one would break selectors on it
        if (meta.path("labels").has(METADATA_NAME_LABEL)) {
            ((ObjectNode) meta.get("labels")).put(METADATA_NAME_LABEL, target);
        }
    }

    private void subjects(ObjectNode o) {
        for (JsonNode subject : o.path("subjects")) {
            rewrite(subject, "namespace");
        }
    }

    private void rewrite(JsonNode node, String field) {
        if (node instanceof ObjectNode obj && obj.hasNonNull(field)) {
            obj.put(field, target(obj.get(field).asText()));
        }
    }
}
