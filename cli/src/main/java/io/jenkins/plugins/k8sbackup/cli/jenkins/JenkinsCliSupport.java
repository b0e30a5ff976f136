package io.jenkins.plugins.k8sbackup.cli.jenkins;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared plumbing of the jenkins-backup and jenkins-restore commands. */
final class JenkinsCliSupport {
    static final int USAGE = 2;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?");

    private JenkinsCliSupport() {}

    /**
     * TODO(lead): replace with storage.StorageFactory.open(uri, credentials) once that branch is merged, so these
     * commands accept s3:// like the others. Until then: file:// URIs and plain paths only.
     */
    static BackupStorage openStorage(String uri) throws IOException {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("--storage is required (a directory or file:// URI)");
        }
        if (uri.startsWith("file:")) {
            return new LocalDirectoryStorage(Path.of(URI.create(uri)));
        }
        if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("storage '" + uri.replaceAll("//[^@/]*@", "//***@")
                    + "' is not supported by jenkins-backup yet: use a directory or file:// URI");
        }
        return new LocalDirectoryStorage(Path.of(uri));
    }

    static EncryptionKey key(Path file) throws IOException {
        return file == null ? null : EncryptionKey.fromFile(file);
    }

    /** "500000", "512k", "200MiB", "2g" (binary units) -> bytes. */
    static Long parseSize(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; use e.g. 500m, 2g or 2GiB");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    static void printJson(PrintStream out, Object result) throws IOException {
        out.println(Json.PRETTY.writeValueAsString(result));
    }

    /** Runs a command body: bad input exits 2, a failed backup or restore 1, with one clear line on stderr. */
    static int guarded(PrintStream err, Callable<Integer> body) {
        try {
            return body.call();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (Exception e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
