package io.jenkins.plugins.k8sbackup.storage;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Storage in a local directory. Each write goes to a hidden temporary file beside its target, is fsynced,
 * then renamed into place, so a crash leaves either the whole object or no object.
 */
public final class LocalDirectoryStorage implements BackupStorage {
    static final String TEMP_PREFIX = ".tmp-";
    private final Path root;

    public LocalDirectoryStorage(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
        if (!Files.isWritable(this.root)) {
            throw new StorageException("storage directory " + this.root + " is not writable");
        }
    }

    public Path root() {
        return root;
    }

    /** Resolves a key inside the root; keys that would escape it are refused. */
    Path resolve(String key) {
        if (key.startsWith("/") || key.contains("\\") || key.contains("\0")) {
            throw new IllegalArgumentException("invalid storage key '" + key + "'");
        }
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("storage key '" + key + "' escapes the storage directory");
        }
        return p;
    }

    @Override
    public StorageWriter create(String key) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        return new LocalWriter(target, temp);
    }

    @Override
    public InputStream open(String key) throws IOException {
        Path file = resolve(key);
        if (Files.isDirectory(file)) {
            // a "directory" is only a common key prefix, as in S3, not an object
            throw new FileNotFoundException(key + " not found in " + describe());
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(key + " not found in " + describe());
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        List<StoredObject> out = new ArrayList<>();
        // Walk only the directory the prefix points into, not the whole store.
        int slash = prefix.lastIndexOf('/');
        Path start = slash <= 0 ? root : resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(TEMP_PREFIX))
                    .forEach(p -> {
                        String key = root.relativize(p).toString().replace('\\', '/');
                        if (key.startsWith(prefix)) {
                            try {
                                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                                out.add(new StoredObject(key, a.size(), a.lastModifiedTime().toInstant()));
                            } catch (IOException vanished) {
                                // deleted while listing: not part of the answer
                            }
                        }
                    });
        }
        out.sort(Comparator.comparing(StoredObject::key));
        return out;
    }

    @Override
    public List<String> listChildren(String prefix) throws IOException {
        Path dir = prefix.isEmpty() ? root : resolve(prefix);
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            children.forEach(p -> out.add(p.getFileName().toString()));
        }
        out.sort(null);
        return out;
    }

    @Override
    public void deletePrefix(String prefix) throws IOException {
        for (StoredObject o : list(prefix)) {
            Files.deleteIfExists(resolve(o.key()));
        }
        // A prefix that names a directory goes with its (now empty) sub-directories.
        Path dir = prefix.isEmpty() ? null : resolve(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        if (dir != null && Files.isDirectory(dir) && prefix.endsWith("/")) {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }

    @Override
    public String describe() {
        return root.toUri().toString();
    }

    @Override
    public void close() {}

    static final class LocalWriter extends StorageWriter {
        private final Path target;
        private final Path temp;
        private final FileChannel channel;
        private final OutputStream out;
        private final BackgroundFlusher flusher;
        private long count;
        private boolean done;

        LocalWriter(Path target, Path temp) throws IOException {
            this.target = target;
            this.temp = temp;
            this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
            this.flusher = new BackgroundFlusher(channel);
        }

        /** Background write-backs started so far (see {@link BackgroundFlusher}). */
        int backgroundFlushes() {
            return flusher.started();
        }

        private void flushInBackgroundWhenDue() throws IOException {
            if (flusher.due(count)) {
                out.flush();
                flusher.start(count);
            }
        }

        private void checkOpen() throws IOException {
            if (done) {
                // BufferedOutputStream would swallow the bytes silently until its next flush
                throw new IOException("writer for " + target + " is already closed or aborted");
            }
        }

        @Override
        public void write(int b) throws IOException {
            checkOpen();
            out.write(b);
            count++;
            flushInBackgroundWhenDue();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            checkOpen();
            out.write(b, off, len);
            count += len;
            flushInBackgroundWhenDue();
        }

        @Override
        public long bytesWritten() {
            return count;
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            flusher.abandon();
            try {
                out.close();
            } catch (IOException ignored) {
                // the temp file goes anyway
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a stray hidden temp file is never listed
            }
        }

        @Override
        public void close() throws IOException {
            if (done) {
                return;
            }
            try {
                out.flush();
                flusher.awaitPending();
                channel.force(true);
                out.close();
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                done = true;
            } catch (IOException e) {
                abort();
                throw new StorageException("could not store " + target + ": " + e.getMessage(), e);
            }
        }
    }
}
