package io.jenkins.plugins.k8sbackup.hooks;

import java.util.Locale;

/** What a failing hook does to its backup or restore, as in Velero. */
public enum OnError {
    /** The failure is a warning; the run goes on. */
    Continue,
    /** The failure is an error of the run (backup: PartiallyFailed, or Failed when nothing was captured). */
    Fail;

    public static OnError parse(String value, OnError defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "continue" -> Continue;
            case "fail" -> Fail;
            default -> throw new IllegalArgumentException("onError must be Continue or Fail, not '" + value + "'");
        };
    }
}
