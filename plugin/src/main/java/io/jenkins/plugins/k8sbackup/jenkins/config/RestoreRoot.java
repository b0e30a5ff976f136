package io.jenkins.plugins.k8sbackup.jenkins.config;

import hudson.AbortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where a JENKINS_HOME restore may write: a directory below the administrator's restore root, reached through real
 * directories only. The root itself may be a symbolic link (the administrator chose it); below it, no component of
 * the target may be one, so a restore can neither be steered into the running home, {@code /usr/share/jenkins/ref}
 * or any other directory Jenkins reads, nor delete there with {@code clean}. The engine keeps every write and
 * deletion inside the target and refuses links below it.
 */
public final class RestoreRoot {
    static final String WHERE = "Manage Jenkins » System » Kubernetes backup » JENKINS_HOME restore root";

    private RestoreRoot() {}

    /** Why {@code root} cannot be the restore root of a Jenkins whose home is {@code liveHome}, or null. */
    public static String problem(String root, Path liveHome) {
        Path r;
        try {
            r = Path.of(root);
        } catch (InvalidPathException e) {
            return "restore root '" + root + "' is not a path";
        }
        if (!r.isAbsolute()) {
            return "restore root '" + root + "' must be an absolute path";
        }
        if (!Files.isDirectory(r)) {
            return "restore root '" + root + "' is not an existing directory";
        }
        try {
            Path real = r.toRealPath();
            Path home = liveHome.toRealPath();
            if (real.equals(home) || real.startsWith(home) || home.startsWith(real)) {
                return "restore root '" + root + "' " + (real.equals(home) ? "is" : real.startsWith(home) ? "is inside" : "contains")
                        + " the running Jenkins' home " + home;
            }
        } catch (IOException e) {
            return "restore root '" + root + "' cannot be resolved: " + e.getMessage();
        }
        return null;
    }

    /**
     * The checked target: {@code target} is a directory name (or relative path) below the root, or an absolute path
     * inside it; never the root itself.
     */
    public static Path target(String who, String root, String target, Path liveHome) throws AbortException {
        if (root == null) {
            throw new AbortException(who + ": no JENKINS_HOME restore root is configured, so restores may not write "
                    + "anywhere; an administrator sets one under " + WHERE);
        }
        String problem = problem(root, liveHome);
        if (problem != null) {
            throw new AbortException(who + ": " + problem + "; an administrator fixes it under " + WHERE);
        }
        if (target == null || target.isBlank()) {
            throw new AbortException(who + ": target is required: a directory below the restore root " + root);
        }
        Path rootPath = Path.of(root).normalize();
        Path realRoot;
        Path given;
        try {
            realRoot = rootPath.toRealPath();
            given = Path.of(target.strip());
        } catch (IOException | InvalidPathException e) {
            throw new AbortException(who + ": target '" + target + "' is not a usable path: " + e.getMessage());
        }
        for (Path segment : given) {
            if (segment.toString().equals("..") || segment.toString().equals(".")) {
                throw new AbortException(who + ": target '" + target + "' must not contain '.' or '..'");
            }
        }
        Path rel;
        if (given.isAbsolute()) {
            Path g = given.normalize();
            if (g.startsWith(rootPath)) {
                rel = rootPath.relativize(g);
            } else if (g.startsWith(realRoot)) {
                rel = realRoot.relativize(g);
            } else {
                throw new AbortException(who + ": refusing to restore into '" + target + "': it is outside the restore root "
                        + root + " (" + WHERE + ")");
            }
        } else {
            rel = given;
        }
        if (rel.toString().isEmpty()) {
            throw new AbortException(who + ": target must be a directory below the restore root " + root + ", not the root itself");
        }
        Path p = realRoot;
        for (Path segment : rel) {
            p = p.resolve(segment.toString());
            if (Files.isSymbolicLink(p)) {
                throw new AbortException(who + ": refusing to restore into '" + target + "': " + p + " is a symbolic link; "
                        + "restores never follow links below the restore root");
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new AbortException(who + ": refusing to restore into '" + target + "': " + p + " is not a directory");
            }
        }
        return realRoot.resolve(rel.toString()).normalize();
    }
}
