package io.jenkins.plugins.k8sbackup.jenkins.hooks;

import hudson.Extension;
import io.jenkins.plugins.k8sbackup.hooks.HookSpec;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code backupHook(name: 'dump', namespace: 'shop-data', podName: 'db-0', command: ['sh', '-c', 'mysqldump ...'],
 * captureOutput: true)}: an exec hook that k8sBackup runs before ({@code phase: 'pre'}, the default) or after
 * ({@code 'post'}) listing, in addition to Velero's pod annotations.
 */
public class BackupHook extends ExecHook<BackupHook> {
    private static final long serialVersionUID = 1L;

    private String phase;
    private String timeout;
    private boolean captureOutput;

    @DataBoundConstructor
    public BackupHook(String name, String namespace, List<String> command) {
        super(name, namespace, command);
    }

    public String getPhase() {
        return phase;
    }

    @DataBoundSetter
    public void setPhase(String phase) {
        this.phase = phase;
    }

    public String getTimeout() {
        return timeout;
    }

    /** The exec timeout, e.g. '2m' (default 30s). */
    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public boolean isCaptureOutput() {
        return captureOutput;
    }

    /** Store the command's stdout in the backup as an artifact, e.g. a database dump. */
    @DataBoundSetter
    public void setCaptureOutput(boolean captureOutput) {
        this.captureOutput = captureOutput;
    }

    /** The engine's hook; a mistake is an IllegalArgumentException naming the hook. */
    public HookSpec toSpec() {
        return HookSpec.declared(getName(), phase, getNamespace(), getPodName(), getLabelSelector(), getContainer(), getCommand(),
                getOnError(), timeout, captureOutput);
    }

    @Symbol("backupHook")
    @Extension
    public static class DescriptorImpl extends HookDescriptor<BackupHook> {
        @Override
        public String getDisplayName() {
            return UiText.get("BackupHook.DisplayName");
        }
    }
}
