package io.jenkins.plugins.k8sbackup.jenkinshome;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists the files a backup takes (or, for a clean restore, the files in scope) without following symlinks and
 * without opening anything: FIFOs, sockets and devices are skipped, so a listing can never block.
 */
final class HomeScanner {

    record ScannedFile(String rel, Path path, long size) {}

    record Scan(List<ScannedFile> files, int buildsTaken, int buildsSkipped, long buildBytesSkipped,
                int symlinksSkipped, int specialSkipped, List<String> warnings) {}

    private HomeScanner() {}

    /** Everything a backup with this selection takes; build records are limited by age and size. */
    static Scan forBackup(Path home, HomeSelection selection, Instant now) throws IOException {
        return scan(home, selection, selection.spec().includeBuilds(), now);
    }

    /** What a clean restore may delete: the selection's scope, but never build records (they may be limited). */
    static Scan scope(Path home, HomeSelection selection) throws IOException {
        return scan(home, selection, false, Instant.now());
    }

    private static Scan scan(Path home, HomeSelection selection, boolean builds, Instant now) throws IOException {
        Walker w = new Walker(home, selection, builds);
        Files.walkFileTree(home, w);
        List<ScannedFile> files = new ArrayList<>(w.files);
        int taken = 0;
        int skipped = 0;
        long skippedBytes = 0;
        SelectionSpec spec = selection.spec();
        long budget = spec.buildsMaxBytes() == null ? Long.MAX_VALUE : spec.buildsMaxBytes();
        Instant oldest = spec.buildsMaxAge() == null ? Instant.MIN : now.minus(spec.buildsMaxAge());
        List<BuildRecord> newestFirst = new ArrayList<>(w.builds.values());
        newestFirst.sort(Comparator.comparingLong(BuildRecord::newestMillis).reversed().thenComparing(BuildRecord::dir));
        boolean budgetSpent = false;
        for (BuildRecord b : newestFirst) {
            boolean tooOld = Instant.ofEpochMilli(b.newestMillis).isBefore(oldest);
            budgetSpent = budgetSpent || b.bytes > budget;
            if (tooOld || budgetSpent) {
                skipped++;
                skippedBytes += b.bytes;
            } else {
                taken++;
                budget -= b.bytes;
                files.addAll(b.files);
            }
        }
        files.sort(Comparator.comparing(ScannedFile::rel));
        return new Scan(files, taken, skipped, skippedBytes, w.symlinks, w.special, w.warnings);
    }

    /** One build directory (or the loose files of a builds/ directory), taken or skipped as a whole. */
    private static final class BuildRecord {
        final String dir;
        final List<ScannedFile> files = new ArrayList<>();
        long bytes;
        long newestMillis;

        BuildRecord(String dir) {
            this.dir = dir;
        }

        String dir() {
            return dir;
        }

        long newestMillis() {
            return newestMillis;
        }
    }

    private static final class Walker extends SimpleFileVisitor<Path> {
        final Path home;
        /** Length of {@code home}'s string with its trailing separator: what a walked path's string starts with. */
        final int homePrefix;
        final HomeSelection selection;
        final boolean takeBuilds;
        final List<ScannedFile> files = new ArrayList<>();
        final Map<String, BuildRecord> builds = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();
        String buildsRoot;
        int symlinks;
        int special;

        Walker(Path home, HomeSelection selection, boolean builds) {
            this.home = home;
            String h = home.toString();
            this.homePrefix = h.endsWith(home.getFileSystem().getSeparator()) ? h.length() : h.length() + 1;
            this.selection = selection;
            this.takeBuilds = builds;
        }

        /** Every walked path is {@code home} resolved against names, so its string starts with home's: cut, no relativize. */
        String rel(Path p) {
            String s = p.toString();
            return s.length() <= homePrefix ? "" : s.substring(homePrefix).replace('\\', '/');
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(home)) {
                return FileVisitResult.CONTINUE;
            }
            String rel = rel(dir);
            if (buildsRoot != null) {
                return selection.excluded(rel) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }
            if (!selection.worthWalking(rel)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (dir.getFileName().toString().equals("builds") && rel.startsWith("jobs/")
                    && Files.isRegularFile(dir.resolveSibling("config.xml"))) {
                if (!takeBuilds || selection.excluded(rel)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                buildsRoot = rel + "/";
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
            if (exc != null) {
                warnings.add("could not list " + rel(dir) + ": " + exc.getMessage());
            }
            if (buildsRoot != null && (rel(dir) + "/").equals(buildsRoot)) {
                buildsRoot = null;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String rel = rel(file);
            if (attrs.isSymbolicLink()) {
                symlinks++; // Jenkins recreates its permalinks (lastSuccessfulBuild ...) itself
                return FileVisitResult.CONTINUE;
            }
            if (!attrs.isRegularFile()) {
                special++;
                return FileVisitResult.CONTINUE;
            }
            if (buildsRoot != null && rel.startsWith(buildsRoot)) {
                if (!selection.excluded(rel)) {
                    String rest = rel.substring(buildsRoot.length());
                    String key = buildsRoot + (rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : "");
                    BuildRecord b = builds.computeIfAbsent(key, BuildRecord::new);
                    b.files.add(new ScannedFile(rel, file, attrs.size()));
                    b.bytes += attrs.size();
                    b.newestMillis = Math.max(b.newestMillis, attrs.lastModifiedTime().toMillis());
                }
                return FileVisitResult.CONTINUE;
            }
            if (selection.selects(rel)) {
                files.add(new ScannedFile(rel, file, attrs.size()));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            warnings.add("could not read " + rel(file) + ": " + exc.getMessage());
            return FileVisitResult.CONTINUE;
        }
    }
}
