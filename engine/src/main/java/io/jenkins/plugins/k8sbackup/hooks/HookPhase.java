package io.jenkins.plugins.k8sbackup.hooks;

import java.util.Locale;

/** When a backup hook runs: before anything is listed, or after the objects are listed and volume snapshots taken. */
public enum HookPhase {
    pre, post;

    /** {@code value} as a user typed it (any case); blank means pre. */
    public static HookPhase parse(String value, String hook) {
        if (value == null || value.isBlank()) {
            return pre;
        }
        try {
            return valueOf(value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hook '" + hook + "': phase must be pre or post, not '" + value + "'");
        }
    }
}
