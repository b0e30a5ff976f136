package io.jenkins.plugins.k8sbackup.jenkins.hooks;

import hudson.Extension;
import io.jenkins.plugins.k8sbackup.hooks.RestoreHookSpec;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code restoreHook(name: 'load', namespace: 'shop-data', labelSelector: 'app=db', command: [...],
 * stdinArtifact: 'artifacts/shop-data/db-0/dump.out')}: an exec hook that k8sRestore runs once the restored
 * container is ready. The namespace is the backup's; with namespaceMapping the hook runs in the target namespace.
 */
public class RestoreHook extends ExecHook<RestoreHook> {
    private static final long serialVersionUID = 1L;

    private String execTimeout;
    private String waitTimeout;
    private boolean waitForReady = true;
    private String stdinArtifact;

    @DataBoundConstructor
    public RestoreHook(String name, String namespace, List<String> command) {
        super(name, namespace, command);
    }

    public String getExecTimeout() {
        return execTimeout;
    }

    /** Default 30s. */
    @DataBoundSetter
    public void setExecTimeout(String execTimeout) {
        this.execTimeout = execTimeout;
    }

    public String getWaitTimeout() {
        return waitTimeout;
    }

    /** How long to wait for the container to be ready; default 5m. */
    @DataBoundSetter
    public void setWaitTimeout(String waitTimeout) {
        this.waitTimeout = waitTimeout;
    }

    public boolean isWaitForReady() {
        return waitForReady;
    }

    @DataBoundSetter
    public void setWaitForReady(boolean waitForReady) {
        this.waitForReady = waitForReady;
    }

    public String getStdinArtifact() {
        return stdinArtifact;
    }

    /** A backup artifact fed to the command on stdin, e.g. the dump a backup hook captured. */
    @DataBoundSetter
    public void setStdinArtifact(String stdinArtifact) {
        this.stdinArtifact = Forms.trimToNull(stdinArtifact);
    }

    /** The engine's hook; a mistake is an IllegalArgumentException naming the hook. */
    public RestoreHookSpec toSpec() {
        return RestoreHookSpec.declared(getName(), getNamespace(), getPodName(), getLabelSelector(), getContainer(), getCommand(),
                getOnError(), execTimeout, waitTimeout, waitForReady, stdinArtifact);
    }

    @Symbol("restoreHook")
    @Extension
    public static class DescriptorImpl extends HookDescriptor<RestoreHook> {
        @Override
        public String getDisplayName() {
            return UiText.get("RestoreHook.DisplayName");
        }
    }
}
