package io.jenkins.plugins.k8sbackup.hooks;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Opens a backup artifact by its path, e.g. to feed a dump to a restore hook. */
@FunctionalInterface
public interface ArtifactSource {
    InputStream open(String path) throws IOException;

    /** The artifacts a backup's manifest records, checked against their sha256 and decrypted. */
    static ArtifactSource of(BackupStorage storage, String backup, List<HookArtifactRecord> records, Optional<EncryptionKey> key) {
        return path -> {
            HookArtifactRecord record = records.stream().filter(r -> r.path().equals(path)).findFirst()
                    .orElseThrow(() -> new FileNotFoundException("backup " + backup + " has no artifact " + path));
            return HookArtifacts.open(storage, backup, record, key);
        };
    }
}
