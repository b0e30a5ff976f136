package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the AES-256 key comes from: a file or an environment variable, never the command line itself. */
public final class KeyOptions {
    @Option(names = {"--encryption-key-file", "--key-file"}, paramLabel = "FILE",
            description = "file holding the AES-256 key (32 bytes, hex or base64); --key-file is an alias")
    Path keyFile;

    @Option(names = "--encryption-key-env", paramLabel = "VAR", description = "environment variable holding the key")
    String keyEnv;

    public Optional<EncryptionKey> key() throws IOException {
        if (keyFile != null && keyEnv != null) {
            throw new IllegalArgumentException("give --encryption-key-file or --encryption-key-env, not both");
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
                : keyEnv != null ? List.of("--encryption-key-env", keyEnv) : List.of();
    }
}
