package io.jenkins.plugins.k8sbackup.jenkinshome;

import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The staging directory a restore writes into, inside the target: every file is written and checked there, and
 * moved into place only once all of them passed, so a damaged backup changes nothing in the target. The directory
 * is removed last; one left behind marks a target whose restore did not finish.
 */
final class RestoreStaging {
    static final String PREFIX = ".k8sb-restore-";

    private final Path dir;
    private final byte[] buffer = new byte[1 << 17];
    private int count;

    private RestoreStaging(Path dir) {
        this.dir = dir;
    }

    static RestoreStaging create(Path root) throws IOException {
        return new RestoreStaging(Files.createTempDirectory(root, PREFIX));
    }

    Path dir() {
        return dir;
    }

    /** Staging directories of earlier restores into {@code root} that did not finish. */
    static List<Path> leftovers(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path p : s) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** Whether a path relative to the target is in a staging directory (never the backup's to delete). */
    static boolean isStaging(String rel) {
        return rel.startsWith(PREFIX);
    }

    /** A checked file waiting in the staging directory, or why the archive's bytes were refused. */
    record Staged(Path file, String problem) {}

    /**
     * Copies at most {@code want.size()} bytes of {@code in} into a new staged file and checks that exactly that
     * many arrived and that their sha256 is the index's. Refused bytes are deleted at once.
     */
    Staged stage(InputStream in, FileEntry want) throws IOException {
        Path file = dir.resolve(Integer.toString(++count));
        MessageDigest md = Sha256.newDigest();
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS)) {
            while (written < want.size()) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, want.size() - written));
                if (n < 0) {
                    break;
                }
                md.update(buffer, 0, n);
                out.write(buffer, 0, n);
                written += n;
            }
        }
        String problem = null;
        if (written != want.size()) {
            problem = "the archive holds " + written + " bytes, the index declares " + want.size();
        } else {
            String sha = HexFormat.of().formatHex(md.digest());
            if (!sha.equals(want.sha256())) {
                problem = "sha256 mismatch: archive has " + sha + ", index says " + want.sha256();
            }
        }
        if (problem != null) {
            Files.delete(file);
            return new Staged(null, problem);
        }
        if (want.mode() >= 0) {
            applyMode(file, want.mode());
        }
        Files.setLastModifiedTime(file, FileTime.fromMillis(want.mtimeMillis()));
        return new Staged(file, null);
    }

    /** Stages generated content (plugins.txt, master.key); {@code mode} is set before the content is written. */
    Path stage(byte[] content, int mode) throws IOException {
        Path file = dir.resolve(Integer.toString(++count));
        Files.createFile(file);
        applyMode(file, mode);
        Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        return file;
    }

    /**
     * Moves a staged file over {@code target}: a rename where possible; onto another file system through a copy
     * beside the target and a rename, so the target never holds a half-written file.
     */
    static void commit(Path staged, Path target) throws IOException {
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
            // copied below
        }
        Path temp = Files.createTempFile(target.getParent(), PREFIX, ".part");
        try {
            Files.copy(staged, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.delete(staged);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes the staging directory and whatever is still in it. */
    void delete() throws IOException {
        deleteTree(dir);
    }

    static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(top)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void applyMode(Path p, int mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, FileStat.toPermissions(mode));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: permissions are not restored
        }
    }
}
