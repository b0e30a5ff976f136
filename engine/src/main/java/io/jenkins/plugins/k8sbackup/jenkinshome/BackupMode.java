package io.jenkins.plugins.k8sbackup.jenkinshome;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** FULL stores every selected file; DIFF only those whose content differs from the last full; AUTO picks. */
public enum BackupMode {
    @JsonProperty("full") FULL,
    @JsonProperty("diff") DIFF,
    @JsonProperty("auto") AUTO;

    public static BackupMode parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be full, diff or auto, not '" + text + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
