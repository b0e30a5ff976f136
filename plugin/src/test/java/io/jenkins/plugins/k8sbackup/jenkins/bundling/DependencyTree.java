package io.jenkins.plugins.k8sbackup.jenkins.bundling;

import java.util.ArrayList;
import java.util.List;

/** A Maven dependency tree as printed by {@code dependency:tree} (text format), parsed into nodes with children. */
final class DependencyTree {
    /** One resolved artifact; {@code ga} is groupId:artifactId. */
    record Node(String groupId, String artifactId, String version, String scope, List<Node> children) {
        String ga() {
            return groupId + ":" + artifactId;
        }

        @Override
        public String toString() {
            return ga() + ":" + version;
        }
    }

    private DependencyTree() {
    }

    /** The root node of the tree text ({@code +- }, {@code \- }, {@code |  } indentation, three characters a level). */
    static Node parse(List<String> lines) {
        List<Node> stack = new ArrayList<>();
        Node root = null;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (root == null) {
                root = node(line);
                stack.add(root);
                continue;
            }
            int at = 0;
            while (line.startsWith("|  ", at) || line.startsWith("   ", at)) {
                at += 3;
            }
            if (!line.startsWith("+- ", at) && !line.startsWith("\\- ", at)) {
                throw new IllegalArgumentException("not a dependency tree line: " + line);
            }
            int depth = at / 3 + 1;
            Node node = node(line.substring(at + 3));
            while (stack.size() > depth) {
                stack.remove(stack.size() - 1);
            }
            stack.get(stack.size() - 1).children().add(node);
            stack.add(node);
        }
        if (root == null) {
            throw new IllegalArgumentException("empty dependency tree");
        }
        return root;
    }

    /** {@code groupId:artifactId:type[:classifier]:version[:scope]}. */
    private static Node node(String coordinates) {
        String[] p = coordinates.trim().split(":");
        String version;
        String scope = "";
        switch (p.length) {
            case 4 -> version = p[3];
            case 5 -> {
                boolean scoped = isScope(p[4]);
                version = scoped ? p[3] : p[4];
                scope = scoped ? p[4] : "";
            }
            case 6 -> {
                version = p[4];
                scope = p[5];
            }
            default -> throw new IllegalArgumentException("not a dependency: " + coordinates);
        }
        return new Node(p[0], p[1], version, scope, new ArrayList<>());
    }

    private static boolean isScope(String s) {
        return List.of("compile", "runtime", "provided", "test", "system").contains(s);
    }
}
