package io.jenkins.plugins.k8sbackup.hooks;

/** A hook bound to one running pod and container. */
public record ResolvedHook(HookSpec spec, String namespace, String pod, String container) {}
