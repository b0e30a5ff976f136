package io.jenkins.plugins.k8sbackup.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The plugin's packages depend on each other without cycles, measured on the compiled classes with the JDK's
 * {@code jdeps -verbose:package} (the same command a developer runs by hand), so a fully qualified reference
 * counts as much as an import.
 */
class PackageCyclesTest {
    private static final String ROOT = "io.jenkins.plugins.k8sbackup.jenkins.";

    @Test
    void thePluginsPackagesFormNoCycle() throws Exception {
        Map<String, Set<String>> uses = packageDependencies();

        assertThat(uses).as("jdeps found the plugin's packages").containsKeys(ROOT + "storage", ROOT + "config");
        assertThat(cycles(uses)).as("package cycles (each list is one set of packages that depend on each other)").isEmpty();
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> uses = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a")));

        assertThat(cycles(uses)).containsExactly(List.of("a", "b", "c"));
    }

    private static Map<String, Set<String>> packageDependencies() throws Exception {
        Path classes = Path.of(ResolvedStorage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(Files.isDirectory(classes)).as("plugin classes directory %s", classes).isTrue();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("this JDK has no jdeps"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", classes.toString());
        assertThat(exit).as("jdeps failed: %s", err).isZero();
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && words[0].startsWith(ROOT) && words[2].startsWith(ROOT)
                    && !words[0].equals(words[2])) {
                uses.computeIfAbsent(words[0], k -> new TreeSet<>()).add(words[2]);
                uses.computeIfAbsent(words[2], k -> new TreeSet<>());
            }
        }
        return uses;
    }

    /** The strongly connected components with more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> uses) {
        return new Tarjan(uses).components();
    }

    private static final class Tarjan {
        private final Map<String, Set<String>> uses;
        private final Map<String, Integer> index = new TreeMap<>();
        private final Map<String, Integer> low = new TreeMap<>();
        private final List<String> stack = new ArrayList<>();
        private final List<List<String>> found = new ArrayList<>();

        Tarjan(Map<String, Set<String>> uses) {
            this.uses = uses;
        }

        List<List<String>> components() {
            uses.keySet().forEach(p -> {
                if (!index.containsKey(p)) {
                    visit(p);
                }
            });
            return found;
        }

        private void visit(String p) {
            index.put(p, index.size());
            low.put(p, index.get(p));
            stack.add(p);
            for (String q : uses.getOrDefault(p, Set.of())) {
                if (!index.containsKey(q)) {
                    visit(q);
                    low.put(p, Math.min(low.get(p), low.get(q)));
                } else if (stack.contains(q)) {
                    low.put(p, Math.min(low.get(p), index.get(q)));
                }
            }
            if (low.get(p).equals(index.get(p))) {
                List<String> component = new ArrayList<>();
                String q;
                do {
                    q = stack.remove(stack.size() - 1);
                    component.add(q);
                } while (!q.equals(p));
                if (component.size() > 1) {
                    found.add(component.stream().sorted().toList());
                }
            }
        }
    }
}
