package io.jenkins.plugins.k8sbackup.jenkinshome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The directories of a restore target this restore has already checked (no symbolic link on their path) or
 * created, so moving thousands of files into place checks each directory once instead of once per file: per file
 * only the file's own path is looked at.
 */
final class CheckedDirectories {
    private final Path root;
    private final Set<String> checked = new HashSet<>();

    CheckedDirectories(Path root) {
        this.root = root;
    }

    /** As {@link SafePaths#symlinkOnPath}, skipping the directories already checked. */
    Optional<Path> symlinkOnPath(String rel) {
        String parent = parentOf(rel);
        if (parent == null || checked.contains(parent)) {
            Path p = root.resolve(rel);
            return Files.isSymbolicLink(p) ? Optional.of(p) : Optional.empty();
        }
        return SafePaths.symlinkOnPath(root, rel);
    }

    /** Creates the parent directories of {@code rel} (checked by {@link #symlinkOnPath} first) and remembers them. */
    void createParents(String rel) throws IOException {
        String parent = parentOf(rel);
        if (parent == null || checked.contains(parent)) {
            return;
        }
        Files.createDirectories(SafePaths.resolve(root, parent));
        for (String dir = parent; dir != null && checked.add(dir); dir = parentOf(dir)) {
            // every ancestor is now a checked real directory too
        }
    }

    private static String parentOf(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? null : rel.substring(0, slash);
    }
}
