package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.jenkinshome.FileStat;
import io.jenkins.plugins.k8sbackup.jenkinshome.SafePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the control-plane files to keep with a snapshot (a PKI directory, single files) into memory before etcd
 * is contacted, so that every refusal (a missing file, a symbolic link, a secret without an encryption key)
 * happens before anything is stored. Only regular files are kept; links are refused, never followed.
 */
final class KeptFileReader {
    /** PKI files and configs are kilobytes; anything this large is not one. */
    static final int MAX_FILE_BYTES = 8 << 20;

    /** One file read: {@code path} as {@link KeptFile#path()} will record it; {@code mode} -1 where unknown. */
    record Read(String set, String path, byte[] content, int mode, String secret) {
        String shown(Path pkiDir) {
            return KeptFile.PKI.equals(set) ? pkiDir.resolve(path).toString() : path;
        }
    }

    private KeptFileReader() {}

    /** The absolute, normalised form of a PKI directory as the manifest records it. */
    static Path normalise(Path p) {
        return p.toAbsolutePath().normalize();
    }

    static List<Read> read(Path pkiDir, List<Path> files, boolean encrypting) throws IOException {
        Map<String, Read> out = new LinkedHashMap<>();
        if (pkiDir != null) {
            for (Read r : readPki(normalise(pkiDir))) {
                out.putIfAbsent(r.set() + ":" + r.path(), r);
            }
        }
        for (Path f : files) {
            Path abs = normalise(f);
            out.putIfAbsent(KeptFile.FILE + ":" + abs, readOne(abs, KeptFile.FILE, abs.toString(), "--include-file " + abs));
        }
        List<Read> secrets = out.values().stream().filter(r -> r.secret() != null).toList();
        if (!encrypting && !secrets.isEmpty()) {
            String listed = secrets.stream().limit(6).map(r -> r.shown(pkiDir == null ? Path.of("/") : normalise(pkiDir))
                    + " (" + r.secret() + ")").collect(Collectors.joining(", "));
            throw new IllegalArgumentException("refusing to keep " + secrets.size() + " secret file(s) without an encryption key: "
                    + listed + (secrets.size() > 6 ? ", ..." : "") + ". Secrets are stored only AES-256-GCM encrypted:"
                    + " give an encryption key, or leave these files out. Nothing was stored");
        }
        return List.copyOf(out.values());
    }

    private static List<Read> readPki(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--include-pki " + dir + " is not a directory");
        }
        Path root = dir.toRealPath(); // the directory itself may be a link (a mounted volume); nothing below it may
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                found.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        if (found.isEmpty()) {
            throw new IllegalArgumentException("--include-pki " + dir + " holds no files");
        }
        found.sort(null);
        List<Read> reads = new ArrayList<>();
        for (Path file : found) {
            String rel = root.relativize(file).toString().replace('\\', '/');
            Optional<String> bad = SafePaths.problem(rel);
            if (bad.isPresent()) {
                throw new IllegalArgumentException("cannot keep " + dir.resolve(rel) + ": " + bad.get());
            }
            reads.add(readOne(file, KeptFile.PKI, rel, dir.resolve(rel).toString()));
        }
        return reads;
    }

    private static Read readOne(Path file, String set, String path, String shown) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(shown + " does not exist");
        }
        if (Files.isSymbolicLink(file)) {
            throw new IllegalArgumentException("refusing to keep " + shown + ": it is a symbolic link (to "
                    + Files.readSymbolicLink(file) + "); only regular files are kept, name its target with --include-file");
        }
        FileStat stat = FileStat.of(file);
        if (!stat.regular()) {
            throw new IllegalArgumentException("refusing to keep " + shown + ": not a regular file");
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            content = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new IOException("cannot read " + shown + ": " + e.getMessage(), e);
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("refusing to keep " + shown + ": larger than " + (MAX_FILE_BYTES >> 20)
                    + " MiB, which no PKI or configuration file is");
        }
        String secret = SensitiveFiles.reason(file.getFileName().toString(), content).orElse(null);
        return new Read(set, path, content, stat.mode(), secret);
    }
}
