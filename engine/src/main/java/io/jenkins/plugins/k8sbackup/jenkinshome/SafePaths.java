package io.jenkins.plugins.k8sbackup.jenkinshome;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.k8sbackup.util.Json;
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
        if (rel.startsWith("/") || rel.contains("\\") || driveLetter(rel)) {
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

    /** {@code C:...}: checked per path, so without a regular expression. */
    private static boolean driveLetter(String rel) {
        char c = rel.length() > 1 && rel.charAt(1) == ':' ? rel.charAt(0) : 0;
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
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

    /** The first existing non-directory among the parents of {@code rel} below {@code root}, if any. */
    static Optional<Path> fileInPlaceOfDirectory(Path root, String rel) {
        Path p = root;
        String[] segments = rel.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            p = p.resolve(segments[i]);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Text read back from a backup, JSON-quoted for messages: a newline or other control character stays visible. */
    static String quoted(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
