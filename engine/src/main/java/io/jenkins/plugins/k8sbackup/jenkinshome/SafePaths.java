package io.jenkins.plugins.k8sbackup.jenkinshome;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks every path read back from a backup (index or archive) before anything is written: relative,
 * '/'-separated, no "..", no NUL, and no symbolic link anywhere between the target root and the file.
 */
public final class SafePaths {
    private SafePaths() {}

    /** Why {@code rel} is not a safe relative path, or empty when it is. */
    public static Optional<String> problem(String rel) {
        if (rel == null || rel.isEmpty()) {
            return Optional.of("empty path");
        }
        if (rel.indexOf('\0') >= 0) {
            return Optional.of("path contains a NUL character");
        }
        if (rel.startsWith("/") || rel.contains("\\") || rel.matches("^[A-Za-z]:.*")) {
            return Optional.of("absolute path");
        }
        if (rel.length() > 4096) {
            return Optional.of("path too long");
        }
        for (String segment : rel.split("/", -1)) {
            if (segment.equals("..")) {
                return Optional.of("path traversal ('..')");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return Optional.of("path is not normalised");
            }
        }
        return Optional.empty();
    }

    /** The first existing symbolic link on the way from {@code root} to {@code rel} (file itself included). */
    public static Optional<Path> symlinkOnPath(Path root, String rel) {
        Path p = root;
        for (String segment : rel.split("/")) {
            p = p.resolve(segment);
            if (Files.isSymbolicLink(p)) {
                return Optional.of(p);
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Resolves a checked path and verifies, as a second line of defence, that it stays below {@code root}. */
    public static Path resolve(Path root, String rel) {
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException(rel + " escapes the target directory");
        }
        return p;
    }
}
