package io.jenkins.plugins.k8sbackup.jenkins.engine;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.LogProgress;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs on the controller itself ({@code new FilePath(Jenkins.get().getRootDir()).act(...)}): JENKINS_HOME is
 * there. {@code home} is the callable's file. TODO(jhome branch): call JenkinsHomeBackup.run /
 * JenkinsHomeRestore.preview|restore with options built from {@link JenkinsHomeRequest}.
 */
public final class JenkinsHomeCallable extends MasterToSlaveFileCallable<StepOutcome> {
    private static final long serialVersionUID = 1L;

    private final boolean restore;
    private final ResolvedStorage storage;
    private final JenkinsHomeRequest request;
    private final LogProgress progress;

    public JenkinsHomeCallable(boolean restore, ResolvedStorage storage, JenkinsHomeRequest request, LogProgress progress) {
        this.restore = restore;
        this.storage = storage;
        this.request = request;
        this.progress = progress;
    }

    @Override
    public StepOutcome invoke(File home, VirtualChannel channel) throws IOException {
        StorageTarget target = storage.target(home);
        throw new EngineUnavailableException(restore ? "jenkinsRestore" : "jenkinsBackup");
    }
}
