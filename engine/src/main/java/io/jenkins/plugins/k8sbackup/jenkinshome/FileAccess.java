package io.jenkins.plugins.k8sbackup.jenkinshome;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** How the backup opens source files; tests substitute it to inject unreadable files and concurrent writers. */
interface FileAccess {
    FileAccess DIRECT = (rel, file) -> Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);

    InputStream open(String rel, Path file) throws IOException;

    /** Called after each read of a file, before its size and times are checked again. */
    default void afterRead(String rel, Path file) throws IOException {}
}
