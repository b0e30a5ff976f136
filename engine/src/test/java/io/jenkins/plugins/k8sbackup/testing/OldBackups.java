package io.jenkins.plugins.k8sbackup.testing;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Backups written by earlier versions of k8s-backup, checked in under {@code src/test/resources/fixtures} (see the
 * README there), put into a storage as they were stored, so that readers are tested against real old bytes.
 */
public final class OldBackups {
    /** Format 2, {@code --encrypt all} with {@link #FORMAT2_KEY}. */
    public static final String FORMAT2_ALL = "format2-all";
    /** Format 2, {@code --encrypt secrets} with the passphrase {@link #FORMAT2_PASSPHRASE} (unsalted SHA-256). */
    public static final String FORMAT2_SECRETS_PASSPHRASE = "format2-secrets-passphrase";
    /** Format 2, not encrypted. */
    public static final String FORMAT2_PLAIN = "format2-plain";
    public static final List<String> FORMAT2 = List.of(FORMAT2_ALL, FORMAT2_SECRETS_PASSPHRASE, FORMAT2_PLAIN);
    public static final EncryptionKey FORMAT2_KEY = EncryptionKey.decode(
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff".getBytes(StandardCharsets.US_ASCII));
    public static final String FORMAT2_PASSPHRASE = "the passphrase of the format 2 fixtures";

    private OldBackups() {}

    /** The key a fixture was written with, or null. */
    public static EncryptionKey keyOf(String backup) {
        return switch (backup) {
            case FORMAT2_ALL -> FORMAT2_KEY;
            case FORMAT2_SECRETS_PASSPHRASE -> EncryptionKey.fromPassphrase(FORMAT2_PASSPHRASE);
            default -> null;
        };
    }

    /** Stores the files of fixture backup {@code backup} under {@code backups/<backup>/}, byte for byte. */
    public static void store(BackupStorage storage, String backup) throws IOException {
        Path dir;
        try {
            dir = Path.of(OldBackups.class.getResource("/fixtures/format2/backups/" + backup).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("no fixture backup " + backup, e);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String relative = dir.relativize(f).toString().replace('\\', '/');
                storage.write("backups/" + backup + "/" + relative, Files.readAllBytes(f));
            }
        }
    }
}
