package io.jenkins.plugins.k8sbackup.restore;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a restore does with an object that already exists in the cluster. Identical objects are never touched. */
public enum ExistingPolicy {
    /** Leave it; a warning when it differs from the backup. */
    skip,
    /** JSON merge patch towards the backup. */
    update,
    /** Delete (orphaning its dependents) and create from the backup. */
    replace,
    /** An error for that object. */
    fail;

    /** The policy a user named (any case; blank: skip), or a usage error naming the bad value. */
    public static ExistingPolicy parse(String name) {
        if (name == null || name.isBlank()) {
            return skip;
        }
        try {
            return valueOf(name.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid policy for existing objects '" + name + "': expected one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
