package io.jenkins.plugins.k8sbackup.jenkinshome;

/**
 * One file as stored: the integrity record restore checks, and the stamp a later differential backup uses to
 * skip re-reading a file that provably was not touched (same size, mtime, ctime and inode).
 *
 * @param mode        POSIX permission bits (e.g. 0644), -1 if unknown
 * @param mtimeMillis restored as the file's modification time
 * @param stamp       see {@link FileStat#stamp()}; null where the platform has no ctime/inode
 */
public record FileEntry(String path, long size, int mode, String sha256, long mtimeMillis, String stamp) {}
