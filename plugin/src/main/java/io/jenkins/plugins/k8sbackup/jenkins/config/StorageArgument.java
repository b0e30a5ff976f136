package io.jenkins.plugins.k8sbackup.jenkins.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The step argument {@code storage: 'prod-backups'}: a bare name stands for {@code location('prod-backups')}.
 * structs cannot coerce a String into a Describable, so the name is turned into a {@link NamedLocation} before the
 * step is bound. A String is also what a GString or {@code env.X} interpolation yields, hence CharSequence.
 */
public final class StorageArgument {
    public static final String NAME = "storage";

    private StorageArgument() {}

    public static Map<String, Object> namedLocationsResolved(Map<String, Object> arguments) {
        if (!(arguments.get(NAME) instanceof CharSequence name)) {
            return arguments;
        }
        Map<String, Object> bound = new LinkedHashMap<>(arguments);
        bound.put(NAME, new NamedLocation(name.toString()));
        return bound;
    }
}
