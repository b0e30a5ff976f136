package io.jenkins.plugins.k8sbackup.restore;

/** What a restore does with an object that already exists in the cluster. Identical objects are never touched. */
public enum ExistingPolicy {
    /** Leave it; a warning when it differs from the backup. */
    skip,
    /** JSON merge patch towards the backup. */
    update,
    /** Delete (orphaning its dependents) and create from the backup. */
    replace,
    /** An error for that object. */
    fail
}
