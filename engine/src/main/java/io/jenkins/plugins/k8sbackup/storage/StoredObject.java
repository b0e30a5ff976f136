package io.jenkins.plugins.k8sbackup.storage;

import java.time.Instant;

/** One object at a storage location. */
public record StoredObject(String key, long size, Instant lastModified) {}
