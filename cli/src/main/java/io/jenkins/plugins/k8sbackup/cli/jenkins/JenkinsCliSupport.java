package io.jenkins.plugins.k8sbackup.cli.jenkins;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.io.PrintStream;
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

    /** S3 credentials come from the environment or the AWS default chain, never from flags. */
    static BackupStorage openStorage(String uri) throws IOException {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("--storage is required, e.g. file:///var/backups or s3://bucket/prefix");
        }
        return new io.jenkins.plugins.k8sbackup.ops.StorageTarget(uri).open();
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
