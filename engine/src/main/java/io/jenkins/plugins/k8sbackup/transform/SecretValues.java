package io.jenkins.plugins.k8sbackup.transform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Values that replace all of a Secret's data in the clone ({@code namespace} is the backup's): the prod keys not
 * given here are dropped, so no prod value reaches the clone. Never printed: {@link #toString()} names the keys only.
 */
public record SecretValues(String namespace, String name, Map<String, String> values) implements java.io.Serializable {
    public SecretValues {
        if (namespace == null || namespace.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a Secret substitution needs the Secret as namespace/name");
        }
        values = Map.copyOf(values);
    }

    /**
     * Parses "namespace/name=FILE" where FILE holds KEY=VALUE lines (an env file: '#' comments and blank lines are
     * skipped).
     */
    public static SecretValues parse(String spec) {
        int eq = spec.indexOf('=');
        int slash = spec.indexOf('/');
        if (eq <= 0 || slash <= 0 || slash > eq) {
            throw new IllegalArgumentException("invalid Secret substitution '" + spec + "': expected namespace/name=FILE");
        }
        Path file = Path.of(spec.substring(eq + 1));
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int at = l.indexOf('=');
                if (at <= 0) {
                    throw new IllegalArgumentException("invalid line in " + file + ": expected KEY=VALUE (line not shown: it may hold a secret)");
                }
                values.put(l.substring(0, at).strip(), l.substring(at + 1));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read Secret values file " + file + ": " + e.getMessage());
        }
        return new SecretValues(spec.substring(0, slash), spec.substring(slash + 1, eq), values);
    }

    @Override
    public String toString() {
        return namespace + "/" + name + " keys " + new TreeSet<>(values.keySet());
    }
}
