package io.jenkins.plugins.k8sbackup.jenkinshome;

import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Reads each source file once, hashing while it reads, then checks size and times again. A file that changed
 * meanwhile is read once more; if it changes again it is kept as read, with a warning. Never waits for a writer.
 *
 * <p>Small files are read into memory, so a differential backup can compare hashes before storing anything.
 * Large files stream straight into the archive; a re-read appends a second entry for the same path, and the
 * index names the hash of the last one, which is the one restore accepts.
 */
final class FileCopier {
    static final int IN_MEMORY_LIMIT = 4 << 20;
    private static final byte[] ZEROS = new byte[1 << 16];

    /** {@code entry} describes the file as read; {@code stored} says whether it went into this archive. */
    record Copied(FileEntry entry, boolean stored, String warning) {}

    private final ArchiveWriter archive;
    private final FileAccess access;
    private final byte[] buffer = new byte[1 << 17];
    /** Holds one small file at a time, grown as needed and reused: no garbage per file, so the heap stays small. */
    private byte[] small = new byte[1 << 16];

    FileCopier(ArchiveWriter archive, FileAccess access) {
        this.archive = archive;
        this.access = access;
    }

    /**
     * @param base the file's record in the base full backup (diff), or null to store unconditionally
     * @throws IOException when the file cannot be read: the caller decides between warning and failFast
     */
    Copied copy(String rel, Path file, FileEntry base, boolean rehashAll) throws IOException {
        FileStat before = statRegular(rel, file);
        String stamp = base == null || rehashAll ? null : before.stamp();
        if (stamp != null && stamp.equals(base.stamp())) {
            return new Copied(base, false, null);
        }
        for (int attempt = 1; ; attempt++) {
            boolean lastTry = attempt == 2;
            if (before.size() > IN_MEMORY_LIMIT) {
                if (base != null) {
                    Hashed h = hashOnce(rel, file, before);
                    if (h.consistent && unchanged(base, h.sha256, before)) {
                        return new Copied(entry(rel, before, h.sha256), false, null);
                    }
                }
                return storeLarge(rel, file, before);
            }
            int length = readSmall(rel, file);
            FileStat after = statRegular(rel, file);
            boolean consistent = after.sameAs(before) && length == before.size();
            if (!consistent && !lastTry) {
                before = after;
                continue;
            }
            if (length > IN_MEMORY_LIMIT) {
                return storeLarge(rel, file, after); // grew past the limit while we looked
            }
            MessageDigest md = Sha256.newDigest();
            md.update(small, 0, length);
            FileEntry e = new FileEntry(rel, length, after.mode(), HexFormat.of().formatHex(md.digest()), after.mtimeNanos() / 1_000_000,
                    consistent ? after.stamp() : null);
            if (base != null && consistent && unchanged(base, e.sha256(), after)) {
                return new Copied(e, false, null);
            }
            archive.putBytes(rel, small, length, e.mode(), e.mtimeMillis());
            return new Copied(e, true, consistent ? null : changedWarning(rel));
        }
    }

    private static boolean unchanged(FileEntry base, String sha256, FileStat now) {
        return base.sha256().equals(sha256) && base.mode() == now.mode();
    }

    private Copied storeLarge(String rel, Path file, FileStat before) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Streamed s = streamOnce(rel, file, before);
            if (s.consistent || attempt == 2) {
                FileEntry e = entry(rel, before, s.sha256);
                if (!s.consistent) {
                    // a torn read must not look untouched to the next diff
                    e = new FileEntry(rel, e.size(), e.mode(), e.sha256(), e.mtimeMillis(), null);
                }
                return new Copied(e, true, s.consistent ? null : changedWarning(rel));
            }
            before = s.after;
        }
    }

    private record Hashed(String sha256, boolean consistent) {}

    private record Streamed(String sha256, boolean consistent, FileStat after) {}

    /** Reads up to {@code IN_MEMORY_LIMIT + 1} bytes into {@link #small}; returns how many. */
    private int readSmall(String rel, Path file) throws IOException {
        int length = 0;
        try (InputStream in = access.open(rel, file)) {
            while (length <= IN_MEMORY_LIMIT) {
                if (length == small.length) {
                    small = java.util.Arrays.copyOf(small, Math.min(small.length * 2, IN_MEMORY_LIMIT + 1));
                }
                int n = in.read(small, length, small.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
        }
        access.afterRead(rel, file);
        return length;
    }

    private Hashed hashOnce(String rel, Path file, FileStat before) throws IOException {
        MessageDigest md = Sha256.newDigest();
        long total = 0;
        try (InputStream in = access.open(rel, file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md.update(buffer, 0, n);
                total += n;
            }
        }
        access.afterRead(rel, file);
        FileStat after = statRegular(rel, file);
        return new Hashed(HexFormat.of().formatHex(md.digest()), total == before.size() && after.sameAs(before));
    }

    /** Writes exactly {@code before.size()} bytes (tar needs the size up front): cut if it grew, zero-padded if it shrank. */
    private Streamed streamOnce(String rel, Path file, FileStat before) throws IOException {
        long size = before.size();
        archive.openEntry(rel, size, before.mode(), before.mtimeNanos() / 1_000_000);
        OutputStream out = archive.body();
        MessageDigest md = Sha256.newDigest();
        long copied = 0;
        boolean grew = false;
        try (InputStream in = access.open(rel, file)) {
            while (copied < size) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied));
                if (n < 0) {
                    break;
                }
                md.update(buffer, 0, n);
                out.write(buffer, 0, n);
                copied += n;
            }
            grew = copied == size && in.read() >= 0;
        } finally {
            // keep the archive well-formed even when the read failed; an entry missing from the index is ignored on restore
            long missing = size - copied;
            while (missing > 0) {
                int n = (int) Math.min(ZEROS.length, missing);
                md.update(ZEROS, 0, n);
                out.write(ZEROS, 0, n);
                missing -= n;
            }
            archive.closeEntry();
        }
        access.afterRead(rel, file);
        FileStat after = statRegular(rel, file);
        boolean consistent = !grew && copied == size && after.sameAs(before);
        return new Streamed(HexFormat.of().formatHex(md.digest()), consistent, after);
    }

    private static FileStat statRegular(String rel, Path file) throws IOException {
        FileStat s = FileStat.of(file);
        if (!s.regular()) {
            throw new IOException(rel + " is no longer a regular file");
        }
        return s;
    }

    private static FileEntry entry(String rel, FileStat stat, String sha256) {
        return new FileEntry(rel, stat.size(), stat.mode(), sha256, stat.mtimeNanos() / 1_000_000, stat.stamp());
    }

    private static String changedWarning(String rel) {
        return rel + " changed while being read, twice; stored as last read (may be mid-write)";
    }
}
