package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The built-in clone rules, each given as a short option and expanded ({@link #expand()}) into ordinary rules named
 * after the option, so the preview shows them like any other: storage class mapping ("standard=fast-staging"), image
 * prefix rewrite ("registry.prod.example.com/=registry.staging.example.com/"), host rewrite on Ingresses, Gateway API
 * routes and gateways and cert-manager Certificates ("*.example.com=*.staging.example.com" by suffix,
 * "shop.example.com=shop.staging.example.com" exactly, or "/regex/replacement/"), replicas of workloads (0 =
 * dormant), HPAs dropped or their maximum capped, node placement (node selector, node affinity, tolerations,
 * nodeName) removed, Secrets left out by label selector ("" = all but the substituted ones) or given other values.
 */
public record CloneRules(Map<String, String> storageClasses, Map<String, String> imagePrefixes, List<String> hosts,
                         Integer replicas, boolean dropHpa, Integer hpaMaxReplicas, boolean stripNodePlacement,
                         String excludeSecrets, List<SecretValues> secretValues) implements java.io.Serializable {
    public static final CloneRules NONE = new CloneRules(Map.of(), Map.of(), List.of(), null, false, null, false, null, List.of());

    private static final String WORKLOADS = "{" + String.join(",", PodSpecPaths.BY_RESOURCE.keySet().stream().sorted().toList()) + "}";
    private static final Map<String, List<String>> HOST_FIELDS = Map.of(
            "ingresses.networking.k8s.io", List.of("spec/rules/*/host", "spec/tls/*/hosts/*"),
            "httproutes.gateway.networking.k8s.io", List.of("spec/hostnames/*"),
            "grpcroutes.gateway.networking.k8s.io", List.of("spec/hostnames/*"),
            "tlsroutes.gateway.networking.k8s.io", List.of("spec/hostnames/*"),
            "gateways.gateway.networking.k8s.io", List.of("spec/listeners/*/hostname"),
            "certificates.cert-manager.io", List.of("spec/dnsNames/*", "spec/commonName"));
    private static final Map<String, List<String>> STORAGE_CLASS_FIELDS = Map.of(
            "persistentvolumeclaims", List.of("spec/storageClassName"),
            "persistentvolumes", List.of("spec/storageClassName"),
            "statefulsets.apps", List.of("spec/volumeClaimTemplates/*/spec/storageClassName"));

    public CloneRules {
        storageClasses = storageClasses == null ? Map.of() : Map.copyOf(storageClasses);
        imagePrefixes = imagePrefixes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(imagePrefixes));
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        secretValues = secretValues == null ? List.of() : List.copyOf(secretValues);
        if (replicas != null && replicas < 0) {
            throw new IllegalArgumentException("--scale " + replicas + ": replicas cannot be negative");
        }
        if (hpaMaxReplicas != null && hpaMaxReplicas < 1) {
            throw new IllegalArgumentException("an HPA's maxReplicas cap must be at least 1 (to stop autoscaling, drop the HPAs)");
        }
        hosts.forEach(CloneRules::hostRewrite);
    }

    public boolean isEmpty() {
        return storageClasses.isEmpty() && imagePrefixes.isEmpty() && hosts.isEmpty() && replicas == null && !dropHpa
                && hpaMaxReplicas == null && !stripNodePlacement && excludeSecrets == null && secretValues.isEmpty();
    }

    /** The rules these options mean, in a fixed order: what leaves objects out first, then what changes them. */
    List<ModifierRule> expand() {
        List<ModifierRule> out = new ArrayList<>();
        if (excludeSecrets != null) {
            Set<String> substituted = secretValues.stream().map(s -> s.namespace() + "/" + s.name()).collect(Collectors.toSet());
            out.add(new ModifierRule("exclude-secrets" + (excludeSecrets.isBlank() ? "" : " " + excludeSecrets),
                    new RuleConditions("secrets", null, null, excludeSecrets, null, substituted), new Exclusion()));
        }
        if (dropHpa) {
            out.add(new ModifierRule("drop-hpa", RuleConditions.forResource("horizontalpodautoscalers.autoscaling"), new Exclusion()));
        }
        for (SecretValues s : secretValues) {
            ObjectNode drop = JsonNodeFactory.instance.objectNode().putNull("data").putNull("stringData");
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            ObjectNode values = data.putObject("data");
            s.values().forEach((k, v) -> values.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
            out.add(new ModifierRule("secret-values " + s.namespace() + "/" + s.name(),
                    new RuleConditions("secrets", List.of(s.namespace()), "^" + Pattern.quote(s.name()) + "$", null, null, null),
                    new MergePatches(List.of(drop, data))));
        }
        if (!storageClasses.isEmpty()) {
            out.add(rewrite("map-storage-class " + pairs(storageClasses), STORAGE_CLASS_FIELDS,
                    v -> v.isTextual() && storageClasses.containsKey(v.asText()) ? TextNode.valueOf(storageClasses.get(v.asText())) : v));
        }
        if (!imagePrefixes.isEmpty()) {
            out.add(rewrite("rewrite-image " + pairs(imagePrefixes), podSpecFields(List.of("image")), v -> {
                if (v.isTextual()) {
                    for (Map.Entry<String, String> e : imagePrefixes.entrySet()) {
                        if (v.asText().startsWith(e.getKey())) {
                            return TextNode.valueOf(e.getValue() + v.asText().substring(e.getKey().length()));
                        }
                    }
                }
                return v;
            }));
        }
        if (!hosts.isEmpty()) {
            List<UnaryOperator<String>> rewrites = hosts.stream().map(CloneRules::hostRewrite).toList();
            out.add(rewrite("rewrite-host " + String.join(",", hosts), HOST_FIELDS, v -> {
                if (v.isTextual()) {
                    for (UnaryOperator<String> r : rewrites) {
                        String now = r.apply(v.asText());
                        if (now != null) {
                            return TextNode.valueOf(now);
                        }
                    }
                }
                return v;
            }));
        }
        if (replicas != null) {
            var ops = JsonNodeFactory.instance.arrayNode();
            ops.addObject().put("op", "add").put("path", "/spec/replicas").put("value", replicas.intValue());
            out.add(new ModifierRule("scale " + replicas, RuleConditions.forResource(
                    "{" + String.join(",", PodSpecPaths.SCALABLE) + "}"), new JsonPatchOps(ops)));
        }
        if (hpaMaxReplicas != null) {
            int cap = hpaMaxReplicas;
            out.add(rewrite("cap-hpa-max " + cap, Map.of("horizontalpodautoscalers.autoscaling", List.of("spec/maxReplicas", "spec/minReplicas")),
                    v -> v.isInt() && v.asInt() > cap ? IntNode.valueOf(cap) : v));
        }
        if (stripNodePlacement) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            PodSpecPaths.BY_RESOURCE.forEach((resource, podSpec) -> fields.put(resource,
                    List.of(podSpec + "/nodeSelector", podSpec + "/affinity/nodeAffinity", podSpec + "/tolerations", podSpec + "/nodeName")));
            out.add(rewrite("strip-node-placement", fields, v -> null));
        }
        return out;
    }

    private static ModifierRule rewrite(String name, Map<String, List<String>> fields, UnaryOperator<JsonNode> change) {
        String resources = "{" + String.join(",", fields.keySet().stream().sorted().toList()) + "}";
        return new ModifierRule(name, RuleConditions.forResource(resources), new FieldRewrite(fields, change,
                "rewrite of " + fields.values().stream().flatMap(List::stream).distinct().sorted().collect(Collectors.joining(", "))));
    }

    /** The given fields of every container of every built-in workload. */
    private static Map<String, List<String>> podSpecFields(List<String> containerFields) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        PodSpecPaths.BY_RESOURCE.forEach((resource, podSpec) -> {
            List<String> paths = new ArrayList<>();
            for (String list : PodSpecPaths.CONTAINER_LISTS) {
                containerFields.forEach(f -> paths.add(podSpec + "/" + list + "/*/" + f));
            }
            out.put(resource, paths);
        });
        return out;
    }

    private static String pairs(Map<String, String> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** A host rewrite: returns the new host, or null when the rule does not apply to the host. */
    static UnaryOperator<String> hostRewrite(String spec) {
        if (spec.startsWith("/")) {
            String[] parts = spec.split("(?<!\\\\)/", -1);
            if (parts.length != 4 || !parts[3].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("invalid host rewrite '" + spec + "': expected /regex/replacement/");
            }
            Pattern p;
            try {
                p = Pattern.compile(parts[1].replace("\\/", "/"));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid host rewrite '" + spec + "': " + e.getDescription());
            }
            String replacement = parts[2].replace("\\/", "/");
            return host -> p.matcher(host).find() ? p.matcher(host).replaceAll(replacement) : null;
        }
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("invalid host rewrite '" + spec + "': expected from=to, *.suffix=*.suffix or /regex/replacement/");
        }
        String from = spec.substring(0, eq).trim();
        String to = spec.substring(eq + 1).trim();
        if (from.startsWith("*.") != to.startsWith("*.")) {
            throw new IllegalArgumentException("invalid host rewrite '" + spec + "': a suffix rewrite has '*.' on both sides");
        }
        if (from.startsWith("*.")) {
            String fromSuffix = from.substring(1);
            String toSuffix = to.substring(1);
            return host -> host.endsWith(fromSuffix) ? host.substring(0, host.length() - fromSuffix.length()) + toSuffix : null;
        }
        return host -> host.equals(from) ? to : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** For callers that set a few of the options (CLI, steps). */
    public static final class Builder {
        private Map<String, String> storageClasses = Map.of();
        private Map<String, String> imagePrefixes = Map.of();
        private List<String> hosts = List.of();
        private Integer replicas;
        private boolean dropHpa;
        private Integer hpaMaxReplicas;
        private boolean stripNodePlacement;
        private String excludeSecrets;
        private List<SecretValues> secretValues = List.of();

        public Builder storageClasses(Map<String, String> v) { storageClasses = v; return this; }
        public Builder imagePrefixes(Map<String, String> v) { imagePrefixes = v; return this; }
        public Builder hosts(List<String> v) { hosts = v; return this; }
        public Builder replicas(Integer v) { replicas = v; return this; }
        public Builder dropHpa(boolean v) { dropHpa = v; return this; }
        public Builder hpaMaxReplicas(Integer v) { hpaMaxReplicas = v; return this; }
        public Builder stripNodePlacement(boolean v) { stripNodePlacement = v; return this; }
        /** A label selector; "" leaves out every Secret but the substituted ones; null (default) none. */
        public Builder excludeSecrets(String v) { excludeSecrets = v; return this; }
        public Builder secretValues(List<SecretValues> v) { secretValues = v; return this; }

        public CloneRules build() {
            return new CloneRules(storageClasses, imagePrefixes, hosts, replicas, dropHpa, hpaMaxReplicas, stripNodePlacement,
                    excludeSecrets, secretValues);
        }
    }
}
