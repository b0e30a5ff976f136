package io.jenkins.plugins.k8sbackup.hooks;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/** Runs a command in a pod's container, as {@code kubectl exec} does. */
public interface PodExecutor {
    /**
     * @param stdin fed to the command, or null for none
     * @param stdout receives the command's standard output; it is complete when this returns
     */
    ExecResult exec(String namespace, String pod, String container, List<String> command, InputStream stdin,
                    OutputStream stdout, Duration timeout) throws InterruptedException;
}
