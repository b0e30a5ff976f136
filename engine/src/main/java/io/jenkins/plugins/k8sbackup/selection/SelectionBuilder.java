package io.jenkins.plugins.k8sbackup.selection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one parser of a {@link Selection}: takes the raw values a user gave (CLI options, step parameters) and checks
 * each namespace name or glob, resource name or glob, the label selector's syntax, each single object and each mapping
 * pair, failing with an {@link IllegalArgumentException} that names the bad value. Spec builders extend it, so a
 * spec takes either the raw values or a {@link Selection} built before ({@link #selection(Selection)}).
 */
public abstract class SelectionBuilder<B extends SelectionBuilder<B>> {
    /** A namespace name (a DNS label), '*' and '?' allowed as globs. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9*?]([-a-z0-9*?]*[a-z0-9*?])?");
    /** A resource's plural, qualified name or kind, '*' and '?' allowed as globs. */
    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9*?]([-.A-Za-z0-9*?]*[A-Za-z0-9*?])?");
    static final String NAMESPACE_RULE = "a namespace name is lower-case letters, digits and '-', at most 63 characters";

    private List<String> includeNamespaces = List.of();
    private List<String> excludeNamespaces = List.of();
    private List<String> includeResources = List.of();
    private List<String> excludeResources = List.of();
    private String labelSelector;
    private List<String> objects = List.of();
    private Map<String, String> namespaceMapping = Map.of();
    private List<String> namespaceMappingPairs = List.of();
    private Boolean includeClusterResources;
    private boolean rawGiven;
    private Selection given;

    @SuppressWarnings("unchecked")
    private B raw() {
        if (given != null) {
            throw new IllegalStateException("a selection was given already; set its values on its own builder");
        }
        rawGiven = true;
        return (B) this;
    }

    /** Namespaces ('*' globs); for restore, diff and verify those of the backup, before the mapping. */
    public B includeNamespaces(List<String> v) { includeNamespaces = orEmpty(v); return raw(); }
    public B excludeNamespaces(List<String> v) { excludeNamespaces = orEmpty(v); return raw(); }
    /** Types: plural ("deployments"), qualified ("deployments.apps"), kind ("Deployment"), or a glob ("*.example.com"). */
    public B includeResources(List<String> v) { includeResources = orEmpty(v); return raw(); }
    public B excludeResources(List<String> v) { excludeResources = orEmpty(v); return raw(); }
    /** A Kubernetes label selector, e.g. {@code app=web,tier notin (cache)}; blank for none. */
    public B labelSelector(String v) { labelSelector = v; return raw(); }
    /** Single objects: "resource/namespace/name" or "resource/name" (cluster-scoped). */
    public B objects(List<String> v) { objects = orEmpty(v); return raw(); }
    /** Source namespace → target namespace (restore, diff, verify). */
    public B namespaceMapping(Map<String, String> v) { namespaceMapping = v == null ? Map.of() : v; return raw(); }
    /** The mapping as "source=target" pairs, as a command line gives it. */
    public B namespaceMappingPairs(List<String> v) { namespaceMappingPairs = orEmpty(v); return raw(); }
    public B includeClusterResources(Boolean v) { includeClusterResources = v; return raw(); }

    /** A selection built before (at the edge: CLI options, step parameters), taken as it is. */
    @SuppressWarnings("unchecked")
    public B selection(Selection s) {
        if (rawGiven) {
            throw new IllegalStateException("selection values were set already; give either them or a selection");
        }
        given = s;
        return (B) this;
    }

    /** The selection given, or the one the raw values make (checked here). */
    protected Selection selection() {
        if (given != null) {
            return given;
        }
        return new Selection(namespaces(includeNamespaces), namespaces(excludeNamespaces), resources(includeResources),
                resources(excludeResources), LabelSelector.parse(labelSelector), parseObjects(objects), mapping(),
                includeClusterResources);
    }

    private NamespaceMapping mapping() {
        Map<String, String> all = new LinkedHashMap<>(NamespaceMapping.parse(namespaceMappingPairs));
        for (Map.Entry<String, String> e : namespaceMapping.entrySet()) {
            String source = e.getKey() == null ? null : e.getKey().strip();
            if (all.put(source, e.getValue() == null ? null : e.getValue().strip()) != null) {
                throw new IllegalArgumentException("namespace '" + source + "' is mapped twice");
            }
        }
        return new NamespaceMapping(all);
    }

    private static List<String> namespaces(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String name = n == null ? "" : n.strip();
            if (name.length() > 63 || !NAMESPACE.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid namespace name '" + n + "': " + NAMESPACE_RULE + " ('*' and '?' as globs)");
            }
            out.add(name);
        }
        return out;
    }

    private static List<String> resources(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String name = n == null ? "" : n.strip();
            if (!RESOURCE.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid resource '" + n + "': a resource is a plural (deployments), a"
                        + " qualified name (deployments.apps) or a kind (Deployment), '*' and '?' as globs");
            }
            out.add(name);
        }
        return out;
    }

    private static List<Selection.ObjectRef> parseObjects(List<String> objects) {
        List<Selection.ObjectRef> out = new ArrayList<>();
        for (String o : objects) {
            String[] p = o == null ? new String[0] : o.strip().split("/", -1);
            boolean blank = p.length < 2 || p.length > 3 || java.util.Arrays.stream(p).anyMatch(String::isBlank);
            if (blank) {
                throw new IllegalArgumentException("invalid object '" + o + "': expected resource/namespace/name or resource/name");
            }
            if (p.length == 3 && (p[1].length() > 63 || !NAMESPACE.matcher(p[1]).matches() || p[1].contains("*") || p[1].contains("?"))) {
                throw new IllegalArgumentException("invalid object '" + o + "': '" + p[1] + "' is not a namespace name");
            }
            out.add(p.length == 2 ? new Selection.ObjectRef(p[0].toLowerCase(), null, p[1])
                    : new Selection.ObjectRef(p[0].toLowerCase(), p[1], p[2]));
        }
        return out;
    }

    private static List<String> orEmpty(List<String> v) {
        return v == null ? List.of() : v;
    }
}
