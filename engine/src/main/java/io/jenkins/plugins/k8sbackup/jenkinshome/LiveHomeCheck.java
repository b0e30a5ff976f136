package io.jenkins.plugins.k8sbackup.jenkinshome;

import io.jenkins.plugins.k8sbackup.remedy.Fix;
import io.jenkins.plugins.k8sbackup.remedy.Remedy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Refuses to restore into the home of a running Jenkins. A running controller rewrites JENKINS_HOME/.owner (its
 * pid) every 60-90 minutes (core's DoubleLaunchChecker), so a fresh .owner is the flag. The plugin additionally
 * refuses its own JENKINS_HOME.
 */
public final class LiveHomeCheck {
    /** Just over DoubleLaunchChecker's longest rewrite period. */
    public static final Duration DEFAULT_FRESHNESS = Duration.ofMinutes(95);

    private LiveHomeCheck() {}

    public static void refuseIfRunning(Path target, Duration freshness) throws JenkinsHomeException {
        Path owner = target.resolve(".owner");
        if (!Files.isRegularFile(owner, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Instant touched = Files.getLastModifiedTime(owner).toInstant();
            Duration age = Duration.between(touched, Instant.now());
            if (age.compareTo(freshness) >= 0) {
                return;
            }
            String pid = new String(Files.readAllBytes(owner), StandardCharsets.UTF_8).trim();
            boolean aliveHere = pid.matches("\\d{1,10}") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
            throw new JenkinsHomeException(new Fix("refusing to restore into " + target + ": it looks like the home of a running Jenkins ("
                    + ".owner was written " + age.toMinutes() + " min ago by pid " + pid
                    + (aliveHere ? ", which is running on this machine" : "") + "). Stop Jenkins and restore into a "
                    + "staging directory, then swap it in (see docs/jenkins-home.md)", Remedy.SKIP_LIVE_CHECK, null));
        } catch (JenkinsHomeException e) {
            throw e;
        } catch (IOException | RuntimeException unreadable) {
            throw new JenkinsHomeException("refusing to restore into " + target + ": cannot tell whether Jenkins runs there ("
                    + ".owner unreadable: " + unreadable.getMessage() + ")");
        }
    }
}
