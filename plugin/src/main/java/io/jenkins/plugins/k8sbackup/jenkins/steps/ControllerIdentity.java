package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.model.Computer;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import jenkins.model.Jenkins;

/**
 * Keeps jobs off the controller's own identity. A step without credentials uses the identity of the machine its work
 * runs on: on an agent that is the agent's (its kubeconfig, service account, AWS role), which whoever set the agent up
 * meant for its jobs; on the built-in node it is the Jenkins controller's, which no job was given. That is refused
 * unless an administrator allowed it (Manage Jenkins » System » Kubernetes backup).
 */
final class ControllerIdentity {
    static final String WHERE = "Manage Jenkins » System » Kubernetes backup » Let jobs use the controller's own "
            + "cluster and AWS identity";

    private ControllerIdentity() {}

    /**
     * Whether the step's work runs in the controller JVM: its {@code node} is the built-in one, or its workspace is a
     * local path (then {@code FilePath.act} runs here), or it has no workspace at all (work done on the controller).
     */
    static boolean onBuiltInNode(StepRun run) {
        Computer c = run.computer;
        if (c != null && c.getNode() instanceof Jenkins) {
            return true;
        }
        return run.workspace == null || !run.workspace.isRemote();
    }

    static void refuseOnBuiltInNode(StepRun run, String what, String identity, String fix) throws AbortException {
        if (onBuiltInNode(run) && !K8sBackupConfiguration.get().isAllowControllerIdentity()) {
            throw new AbortException(run.stepName + ": refusing to reach " + what + " without credentials on the built-in "
                    + "node: that would use " + identity + ", which jobs may not use. Pass " + fix + ", run the step on an "
                    + "agent (node('label') { ... }), or ask an administrator to allow it under " + WHERE);
        }
    }
}
