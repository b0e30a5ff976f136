package io.jenkins.plugins.k8sbackup.jenkinshome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What one lstat tells about a file. {@code ctimeNanos} and {@code inode} are -1 where the platform does not
 * expose them; without them {@link #stamp()} is null and a differential backup re-reads the file.
 */
public record FileStat(boolean regular, long size, long mtimeNanos, long ctimeNanos, long inode, int mode) {
    private static final boolean UNIX_VIEW = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    public static FileStat of(Path file) throws IOException {
        if (UNIX_VIEW) {
            Map<String, Object> a = Files.readAttributes(file,
                    "unix:size,lastModifiedTime,ctime,ino,mode,isRegularFile", LinkOption.NOFOLLOW_LINKS);
            return new FileStat((Boolean) a.get("isRegularFile"), (Long) a.get("size"),
                    nanos((FileTime) a.get("lastModifiedTime")), nanos((FileTime) a.get("ctime")),
                    (Long) a.get("ino"), ((Integer) a.get("mode")) & 07777);
        }
        BasicFileAttributes b = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int mode = -1;
        try {
            mode = toMode(Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).permissions());
        } catch (UnsupportedOperationException notPosix) {
            // Windows: no mode to keep
        }
        return new FileStat(b.isRegularFile(), b.size(), nanos(b.lastModifiedTime()), -1, -1, mode);
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    /** Size and both times: any write changes at least one, and ctime cannot be set back by user tools. */
    boolean sameAs(FileStat other) {
        return size == other.size && mtimeNanos == other.mtimeNanos && ctimeNanos == other.ctimeNanos;
    }

    /** Identity of this exact version of the file, or null when the platform cannot give one. */
    String stamp() {
        return ctimeNanos < 0 || inode < 0 ? null : size + ":" + mtimeNanos + ":" + ctimeNanos + ":" + inode;
    }

    static int toMode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    public static Set<PosixFilePermission> toPermissions(int mode) {
        Set<PosixFilePermission> out = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                out.add(p);
            }
        }
        return out;
    }
}
