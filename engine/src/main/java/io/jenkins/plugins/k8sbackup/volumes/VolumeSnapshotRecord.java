package io.jenkins.plugins.k8sbackup.volumes;

/**
 * One PVC's snapshot, as recorded in the backup manifest. {@code snapshotHandle} and {@code driver} are what
 * a restore into another namespace or cluster needs to pre-provision a VolumeSnapshotContent; {@code error}
 * is set when the snapshot failed or was not ready in time (the object is still recorded, so retention
 * deletes it with the backup).
 */
public record VolumeSnapshotRecord(
        String namespace,
        String pvcName,
        String storageClassName,
        String volumeName,
        String volumeSnapshotName,
        String volumeSnapshotClassName,
        String volumeSnapshotContentName,
        String snapshotHandle,
        String driver,
        String restoreSize,
        boolean readyToUse,
        String error) {

    public boolean usable() {
        return readyToUse && error == null && volumeSnapshotName != null;
    }
}
