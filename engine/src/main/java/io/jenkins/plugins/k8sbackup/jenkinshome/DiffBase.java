package io.jenkins.plugins.k8sbackup.jenkinshome;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The base full's file records, matched against a differential backup's scan as both go by in path order (a merge,
 * not a lookup table): memory stays one entry whatever the home's size. A base file the scan passed without
 * finding is a deletion. Indexes are written in the scan's order; one that is not is refused rather than misread.
 */
final class DiffBase implements Closeable {
    private final String baseName;
    private final IndexFiles files;
    private final List<String> deletions = new ArrayList<>();
    private FileEntry next;
    private String lastPath;

    DiffBase(String baseName, IndexFiles files) throws IOException {
        this.baseName = baseName;
        this.files = files;
        advance();
    }

    /**
     * The base's record of {@code rel}, or null when the base has none. Calls must come in strictly increasing
     * {@link String#compareTo} order of {@code rel}, as the scan lists files.
     */
    FileEntry match(String rel) throws IOException {
        while (next != null && next.path().compareTo(rel) < 0) {
            deletions.add(next.path());
            advance();
        }
        if (next != null && next.path().equals(rel)) {
            FileEntry found = next;
            advance();
            return found;
        }
        return null;
    }

    /** The base's files that no call to {@link #match} asked for, in path order. */
    List<String> deletions() throws IOException {
        while (next != null) {
            deletions.add(next.path());
            advance();
        }
        return deletions;
    }

    private void advance() throws IOException {
        next = files.next();
        if (next == null) {
            return;
        }
        if (next.path() == null || lastPath != null && next.path().compareTo(lastPath) <= 0) {
            throw new JenkinsHomeException("the index of full backup " + baseName + " is not in path order at "
                    + SafePaths.quoted(String.valueOf(next.path())) + ": it cannot be a diff's base; make a full backup");
        }
        lastPath = next.path();
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
