package io.jenkins.plugins.k8sbackup.jenkins.bundling;

import io.jenkins.plugins.k8sbackup.jenkins.bundling.DependencyTree.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the .hpi bundles (the engine's runtime tree minus the exclusions plugin/pom.xml declares on it), checked
 * against what the API plugins provide: no overlap, nothing dropped that nobody provides, no second version of a
 * library, and no version skew between what the engine compiles against and what a provider ships.
 */
final class BundledSet {
    /** One line of api-plugins.tsv; {@code provider} "-" means deliberately absent. */
    record Provided(String provider, String groupId, String artifactId, String version, String source) {
        boolean matches(String g, String a) {
            return groupId.equals(g) && (artifactId.equals("*") || artifactId.equals(a));
        }

        boolean providedByJenkins() {
            return !provider.equals("-");
        }
    }

    /** A groupId:artifactId exclusion as in a POM ({@code *} for any artifact). */
    record Exclusion(String groupId, String artifactId) {
        boolean matches(Node n) {
            return groupId.equals(n.groupId()) && (artifactId.equals("*") || artifactId.equals(n.artifactId()));
        }
    }

    /** Libraries released in lockstep: two versions across their artifacts are two versions of one library. */
    static final Set<String> LOCKSTEP_GROUPS = Set.of("io.netty", "io.grpc", "io.vertx", "software.amazon.awssdk", "io.fabric8");

    final List<Node> bundled = new ArrayList<>();
    final List<Node> excluded = new ArrayList<>();
    final List<Node> compiledAgainst = new ArrayList<>();

    private BundledSet() {
    }

    /** Splits the subtree of {@code engine} into what would be bundled and the roots cut off by exclusions. */
    static BundledSet of(Node engine, List<Exclusion> exclusions) {
        BundledSet set = new BundledSet();
        set.walk(engine, exclusions);
        return set;
    }

    private void walk(Node node, List<Exclusion> exclusions) {
        compiledAgainst.add(node);
        if (exclusions.stream().anyMatch(e -> e.matches(node))) {
            excluded.add(node);
            node.children().forEach(this::collect);
            return;
        }
        bundled.add(node);
        node.children().forEach(c -> walk(c, exclusions));
    }

    private void collect(Node node) {
        compiledAgainst.add(node);
        node.children().forEach(this::collect);
    }

    /** Every problem found, one sentence each; empty when the bundle is deliberate and consistent. */
    List<String> problems(List<Provided> table, Set<String> declaredBundledArtifacts) {
        List<String> problems = new ArrayList<>();
        for (Node n : bundled) {
            provider(table, n).filter(Provided::providedByJenkins).ifPresent(p -> problems.add(
                    "overlap: " + n + " would be bundled although " + p.provider() + " provides it"));
        }
        for (Node n : excluded) {
            if (provider(table, n).isEmpty()) {
                problems.add("missing: " + n + " is excluded from the .hpi but no API plugin in api-plugins.tsv provides it");
            }
        }
        Map<String, Set<String>> versions = new LinkedHashMap<>();
        bundled.forEach(n -> versions.computeIfAbsent(n.ga(), k -> new TreeSet<>()).add(n.version()));
        bundled.stream().filter(n -> LOCKSTEP_GROUPS.contains(n.groupId()))
                .forEach(n -> versions.computeIfAbsent(n.groupId() + ":*", k -> new TreeSet<>()).add(n.version()));
        versions.forEach((ga, v) -> {
            if (v.size() > 1) {
                problems.add("duplicate: " + ga + " would be bundled in versions " + v);
            }
        });
        for (Node n : compiledAgainst) {
            provider(table, n).filter(p -> !p.version().equals("-") && !p.version().equals(n.version())).ifPresent(p ->
                    problems.add("skew: the engine is built against " + n + " but " + p.provider() + " ships " + p.version()));
        }
        Set<String> artifacts = new TreeSet<>();
        bundled.forEach(n -> artifacts.add(n.artifactId()));
        if (declaredBundledArtifacts != null && !artifacts.equals(declaredBundledArtifacts)) {
            problems.add("hpi.bundledArtifacts in plugin/pom.xml is " + declaredBundledArtifacts + " but the .hpi would bundle "
                    + artifacts);
        }
        return problems;
    }

    /** The most specific table line for a library: an exact artifactId wins over a wildcard. */
    static Optional<Provided> provider(List<Provided> table, Node n) {
        return table.stream().filter(p -> p.matches(n.groupId(), n.artifactId()))
                .min(Comparator.comparing(p -> p.artifactId().equals("*")));
    }

    /** Parses api-plugins.tsv (tab-separated, {@code #} comments). */
    static List<Provided> parseTable(List<String> lines) {
        List<Provided> table = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t");
            String[] ga = c.length == 4 ? c[1].split(":") : new String[0];
            if (ga.length != 2 || c[3].isBlank()) {
                throw new IllegalArgumentException("api-plugins.tsv: want provider, groupId:artifactId, version, source: " + line);
            }
            table.add(new Provided(c[0], ga[0], ga[1], c[2], c[3]));
        }
        return table;
    }
}
