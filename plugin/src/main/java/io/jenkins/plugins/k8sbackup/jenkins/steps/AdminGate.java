package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The guards of the administrative JENKINS_HOME steps. Builds usually run as SYSTEM, so "does the user have
 * Overall/Administer" proves nothing inside a step: only jobs an administrator listed may run them. And a
 * restore never writes into the running controller's home (nor a directory containing it, nor one inside it).
 */
final class AdminGate {
    private AdminGate() {}

    static void requireAllowedJob(StepRun run) throws AbortException {
        String job = run.run.getParent().getFullName();
        if (!K8sBackupConfiguration.get().allowList().allows(job)) {
            throw new AbortException(run.stepName + ": job '" + job + "' may not back up or restore JENKINS_HOME; an "
                    + "administrator can allow it under Manage Jenkins » System » Kubernetes backup » "
                    + "Jobs allowed to run jenkinsBackup and jenkinsRestore");
        }
    }

    /** The target of a JENKINS_HOME restore, checked against the live home; returns it normalised. */
    static Path restoreTarget(String stepName, String target, File liveHome) throws AbortException {
        if (target == null || target.isBlank()) {
            throw new AbortException(stepName + ": target is required: an absolute directory to restore into");
        }
        Path t = Path.of(target.strip());
        if (!t.isAbsolute()) {
            throw new AbortException(stepName + ": target '" + target + "' must be an absolute path on the controller");
        }
        Path real = realish(t);
        Path home = realish(liveHome.toPath());
        if (real.equals(home) || real.startsWith(home) || home.startsWith(real)) {
            throw new AbortException(stepName + ": refusing to restore into '" + target + "': it "
                    + (real.equals(home) ? "is" : real.startsWith(home) ? "is inside" : "contains")
                    + " the running Jenkins' home " + home + ". Restore into another directory, stop Jenkins, then "
                    + "switch JENKINS_HOME over (see docs/security.md)");
        }
        return real;
    }

    /** The real path of the longest existing prefix (resolving symlinks), plus the rest. */
    static Path realish(Path p) throws AbortException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            throw new AbortException("cannot resolve " + p + ": " + e.getMessage());
        }
    }
}
