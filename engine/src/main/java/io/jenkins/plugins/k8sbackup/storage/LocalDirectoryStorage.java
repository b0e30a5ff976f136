package io.jenkins.plugins.k8sbackup.storage;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Storage in a local directory. Each write goes to a hidden temporary file beside its target, is fsynced,
 * then renamed into place, so a crash leaves either the whole object or no object. Directories are only key
 * prefixes, as in S3: one that a delete leaves empty goes too.
 */
public final class LocalDirectoryStorage implements BackupStorage {
    static final String TEMP_PREFIX = ".tmp-";
    /** A concurrent delete may remove an empty directory between creating it and creating a file in it. */
    private static final int CREATE_ATTEMPTS = 3;
    private final Path root;

    /** Opens the directory, creating it when missing (for writers). */
    public LocalDirectoryStorage(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
        if (!Files.isWritable(this.root)) {
            throw new StorageException("storage directory " + this.root + " is not writable");
        }
    }

    /** Opens a directory that must exist already (for readers: a mistyped path is an error, not a new empty store). */
    public static LocalDirectoryStorage existing(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new StorageException(new io.jenkins.plugins.k8sbackup.remedy.Fix("storage directory " + dir + " does not exist"
                    + (Files.exists(dir) ? " (it is a file)" : ""), io.jenkins.plugins.k8sbackup.remedy.Remedy.FIX_STORAGE, dir.toString()));
        }
        return new LocalDirectoryStorage(dir);
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
        Path temp = target.resolveSibling(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        return new LocalWriter(target, temp, openInDirectory(temp));
    }

    /**
     * Creates {@code key} with CREATE_NEW, which the file system performs atomically, then fsyncs the file and its
     * directory. A reader may see the file before its bytes: lease readers treat an unreadable one as held.
     */
    @Override
    public boolean createExclusive(String key, byte[] content) throws IOException {
        Path target = resolve(key);
        FileChannel channel;
        try {
            channel = openInDirectory(target);
        } catch (FileAlreadyExistsException exists) {
            return false;
        }
        try (channel) {
            for (ByteBuffer buffer = ByteBuffer.wrap(content); buffer.hasRemaining(); ) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw new StorageException("could not create " + target + ": " + e.getMessage(), e);
        }
        syncDirectory(target.getParent());
        return true;
    }

    /** A new file (CREATE_NEW) in a directory created as needed, even if a delete prunes it meanwhile. */
    private static FileChannel openInDirectory(Path file) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(file.getParent());
            try {
                return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (NoSuchFileException pruned) {
                if (attempt == CREATE_ATTEMPTS) {
                    throw pruned;
                }
            }
        }
    }

    /** Makes a new directory entry durable; not every platform can open a directory, which only costs durability. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // e.g. Windows: the entry is durable once the file system flushes its metadata
        }
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
        return walk(prefix, false);
    }

    /** The temporary files of writes that never finished (their writer was killed), by their own keys. */
    @Override
    public List<StoredObject> listUnfinished(String prefix) throws IOException {
        return walk(prefix, true);
    }

    /**
     * Files below {@code prefix}: published objects, or temporary files, which belong to the prefix when the key
     * they were meant for does.
     */
    private List<StoredObject> walk(String prefix, boolean temporary) throws IOException {
        List<StoredObject> out = new ArrayList<>();
        for (Path p : filesBelow(prefix)) {
            if (p.getFileName().toString().startsWith(TEMP_PREFIX) != temporary) {
                continue;
            }
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                out.add(new StoredObject(keyOf(p), a.size(), a.lastModifiedTime().toInstant()));
            } catch (IOException vanished) {
                // deleted while listing: not part of the answer
            }
        }
        out.sort(Comparator.comparing(StoredObject::key));
        return out;
    }

    /** Every regular file whose key, or for a temporary file its target's key, starts with {@code prefix}. */
    private List<Path> filesBelow(String prefix) throws IOException {
        // Walk only the directory the prefix points into, not the whole store.
        int slash = prefix.lastIndexOf('/');
        Path start = slash <= 0 ? root : resolve(prefix.substring(0, slash));
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(start)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(Files::isRegularFile).filter(p -> targetKeyOf(p).startsWith(prefix)).forEach(out::add);
        } catch (java.io.UncheckedIOException vanished) {
            // a directory deleted while walking: what is left was listed
        }
        return out;
    }

    private String keyOf(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /** ".tmp-manifest.json-<uuid>" is an unfinished write of "manifest.json" in the same directory. */
    private String targetKeyOf(Path p) {
        String key = keyOf(p);
        String file = p.getFileName().toString();
        if (!file.startsWith(TEMP_PREFIX) || file.length() < TEMP_PREFIX.length() + 37) {
            return key;
        }
        return key.substring(0, key.length() - file.length()) + file.substring(TEMP_PREFIX.length(), file.length() - 37);
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
        Set<Path> dirs = new HashSet<>();
        for (Path file : filesBelow(prefix)) {
            Files.deleteIfExists(file);
            dirs.add(file.getParent());
        }
        // A prefix that names a directory goes with its sub-directories, empty ones included.
        Path dir = prefix.endsWith("/") ? resolve(prefix.substring(0, prefix.length() - 1)) : null;
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> tree = Files.walk(dir)) {
                tree.filter(Files::isDirectory).forEach(dirs::add);
            }
        }
        // Deepest first, then up to the root: no empty "directory" outlives its last object, as in S3.
        dirs.stream().sorted(Comparator.comparingInt(Path::getNameCount).reversed()).forEach(this::removeEmptyUpwards);
    }

    private void removeEmptyUpwards(Path dir) {
        for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
            try {
                Files.deleteIfExists(d);
            } catch (IOException notEmpty) {
                return; // DirectoryNotEmptyException: still holds something
            }
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

        LocalWriter(Path target, Path temp, FileChannel channel) {
            this.target = target;
            this.temp = temp;
            this.channel = channel;
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
                // listed by listUnfinished and removed with its backup
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
