package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the AES-256 key comes from: a key file, an environment variable, or a passphrase file (the same derivation
 * as a Jenkins secret-text credential, so a backup made by the plugin restores here), never the command line itself.
 */
public final class KeyOptions {
    @Option(names = {"--encryption-key-file", "--key-file"}, paramLabel = "FILE",
            description = "file holding the AES-256 key (32 bytes, hex or base64); --key-file is an alias")
    Path keyFile;

    @Option(names = "--encryption-key-env", paramLabel = "VAR", description = "environment variable holding the key")
    String keyEnv;

    @Option(names = "--encryption-passphrase-file", paramLabel = "FILE",
            description = "file holding a passphrase of at least 16 characters (one trailing newline is ignored); "
                    + "each backup derives its key from it with PBKDF2-HMAC-SHA256 and a salt of its own, as a Jenkins "
                    + "secret-text encryption credential with that text does")
    Path passphraseFile;

    public Optional<EncryptionKey> key() throws IOException {
        if ((keyFile != null ? 1 : 0) + (keyEnv != null ? 1 : 0) + (passphraseFile != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("give one of --encryption-key-file, --encryption-key-env and --encryption-passphrase-file");
        }
        if (passphraseFile != null) {
            String text = Files.readString(passphraseFile, StandardCharsets.UTF_8);
            try {
                return Optional.of(EncryptionKey.fromPassphrase(text.replaceFirst("\\r?\\n\\z", "")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(passphraseFile + ": " + e.getMessage(), e);
            }
        }
        if (keyFile != null) {
            return Optional.of(EncryptionKey.fromFile(keyFile));
        }
        if (keyEnv != null) {
            return Optional.of(EncryptionKey.fromEnvironment(keyEnv));
        }
        return Optional.empty();
    }

    /** The key option as given, for a command line printed for a human (a file path or a variable name, never the key). */
    public List<String> asArguments() {
        return keyFile != null ? List.of("--encryption-key-file", keyFile.toString())
                : keyEnv != null ? List.of("--encryption-key-env", keyEnv)
                : passphraseFile != null ? List.of("--encryption-passphrase-file", passphraseFile.toString()) : List.of();
    }
}
