package io.jenkins.plugins.k8sbackup.hooks;

/** When a backup hook runs: before anything is listed, or after the objects are listed and volume snapshots taken. */
public enum HookPhase { pre, post }
