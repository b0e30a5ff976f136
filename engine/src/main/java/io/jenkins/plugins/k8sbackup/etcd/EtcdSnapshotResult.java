package io.jenkins.plugins.k8sbackup.etcd;

/** What {@link EtcdSnapshotter#snapshot} stored, where, and how fast. */
public record EtcdSnapshotResult(EtcdSnapshotManifest manifest, String storage, String snapshotKey, String manifestKey,
                                 long durationMillis) {}
