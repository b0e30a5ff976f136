package io.jenkins.plugins.k8sbackup.jenkinshome;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where secrets/master.key went. It is never inside the main archive (official Jenkins guidance). */
public enum MasterKeyHandling {
    /** Encrypted with its own caller-given key into a separately named object. */
    @JsonProperty("stored-separately") STORED_SEPARATELY,
    /** Present in the home but deliberately not backed up: keep a copy yourself. */
    @JsonProperty("not-backed-up") NOT_BACKED_UP,
    /** The home had no secrets/master.key. */
    @JsonProperty("absent") ABSENT
}
