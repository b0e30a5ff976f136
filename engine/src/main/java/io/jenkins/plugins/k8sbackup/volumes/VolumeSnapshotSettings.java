package io.jenkins.plugins.k8sbackup.volumes;

import java.time.Duration;
import java.util.Map;

/**
 * The volume part of a backup spec. The VolumeSnapshotClass of a PVC is looked up by its storage class in
 * {@code classesByStorageClass}, then {@code defaultClass}; when neither names one, the snapshot carries no
 * class and the cluster's default VolumeSnapshotClass applies.
 */
public record VolumeSnapshotSettings(Map<String, String> classesByStorageClass, String defaultClass, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public VolumeSnapshotSettings {
        classesByStorageClass = classesByStorageClass == null ? Map.of() : Map.copyOf(classesByStorageClass);
        timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? DEFAULT_TIMEOUT : timeout;
    }

    public String classFor(String storageClass) {
        String c = storageClass == null ? null : classesByStorageClass.get(storageClass);
        return c != null ? c : defaultClass == null || defaultClass.isBlank() ? null : defaultClass;
    }
}
