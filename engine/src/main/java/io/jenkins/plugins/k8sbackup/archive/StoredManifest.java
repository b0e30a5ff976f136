package io.jenkins.plugins.k8sbackup.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.crypto.ManifestMac;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Kubernetes backup's {@code manifest.json} with its MAC ({@code manifest.json.mac}, see {@link ManifestMac}): the
 * MAC is stored before the manifest (whose presence marks the backup complete), and a manifest is authenticated and
 * parsed from the same bytes. {@code problems} say why the manifest cannot be trusted; {@code warnings} what could
 * not be proven.
 */
public record StoredManifest(BackupManifest manifest, String authentication, List<IntegrityProblem> problems,
                             List<String> warnings) {
    public static final String MAC = "manifest.json.mac";
    /** The first format whose manifests carry a MAC when the backup has a key. */
    public static final int FIRST_AUTHENTICATED_FORMAT = 2;

    public StoredManifest {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** Stores the manifest, preceded by its MAC when {@code macKey} is given. */
    public static void write(BackupStorage storage, String name, BackupManifest manifest, Optional<EncryptionKey> macKey)
            throws IOException {
        write(storage, name, manifest, macKey, storage::write);
    }

    /** How the manifest itself is stored: a backup publishes it through its name's claim (see {@code BackupLease}). */
    @FunctionalInterface
    public interface Publisher {
        void publish(String key, byte[] bytes) throws IOException;
    }

    /** As {@link #write(BackupStorage, String, BackupManifest, Optional)}, the manifest (last) stored by {@code publisher}. */
    public static void write(BackupStorage storage, String name, BackupManifest manifest, Optional<EncryptionKey> macKey,
                             Publisher publisher) throws IOException {
        byte[] bytes = Json.PRETTY.writeValueAsBytes(manifest);
        if (macKey.isPresent()) {
            storage.write(BackupKind.KUBERNETES.keyOf(name, MAC),
                    (ManifestMac.of(macKey.get(), bytes) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        publisher.publish(BackupKind.KUBERNETES.keyOf(name, BackupCatalog.MANIFEST), bytes);
    }

    /**
     * Reads and checks a backup's manifest. With a key, a manifest of format 2 or later must carry a MAC made with
     * that key; format 1 manifests have none and are read with a warning.
     *
     * @throws FileNotFoundException the backup does not exist or is incomplete (the catalog's message)
     * @throws IntegrityException the manifest is not JSON of a manifest
     */
    public static StoredManifest read(BackupStorage storage, String name, Optional<EncryptionKey> given) throws IOException {
        String manifestKey = BackupKind.KUBERNETES.keyOf(BackupCatalog.checkName(name), BackupCatalog.MANIFEST);
        byte[] bytes;
        try {
            bytes = storage.read(manifestKey);
        } catch (FileNotFoundException missing) {
            new BackupCatalog(storage, BackupKind.KUBERNETES).requireManifest(name, JsonNode.class); // says why
            throw missing;
        }
        BackupManifest manifest;
        try {
            manifest = Json.MAPPER.readValue(bytes, BackupManifest.class);
        } catch (IOException e) {
            throw new IntegrityException(name, List.of(new IntegrityProblem(null, manifestKey, IntegrityProblem.Kind.MANIFEST,
                    "not a readable manifest: " + e.getMessage())));
        }
        List<IntegrityProblem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Optional<EncryptionKey> key;
        try {
            key = keyFor(manifest, given);
        } catch (IllegalArgumentException e) {
            throw new IntegrityException(name, List.of(new IntegrityProblem(null, manifestKey, IntegrityProblem.Kind.MANIFEST,
                    "its key derivation cannot be used: " + e.getMessage())));
        }
        String macKey = BackupKind.KUBERNETES.keyOf(name, MAC);
        String mac = readOptional(storage, macKey);
        String authentication;
        if (key.isEmpty()) {
            authentication = "not authenticated (no key given)";
            if (mac != null) {
                warnings.add("the manifest of backup " + name + " has a MAC, but no key was given to check it: only accidental"
                        + " damage is detected, not deliberate changes");
            }
        } else if (mac == null && manifest.formatVersion() < FIRST_AUTHENTICATED_FORMAT) {
            authentication = "not authenticated (format " + manifest.formatVersion() + ", written before manifest MACs)";
            warnings.add("backup " + name + " has format " + manifest.formatVersion() + ", which has no manifest MAC: an edited"
                    + " manifest or an archive swapped with its SHA-256 updated would not be detected (encrypted entries are"
                    + " still authenticated by AES-GCM)");
        } else if (mac == null) {
            authentication = "MAC missing";
            problems.add(new IntegrityProblem(null, macKey, IntegrityProblem.Kind.MANIFEST, "the manifest has no MAC: the"
                    + " backup was taken without an encryption key, or its MAC was removed. A key was given, so only an"
                    + " authenticated manifest is accepted; read a backup taken without a key without giving one"));
        } else if (!ManifestMac.matches(key.get(), bytes, mac)) {
            authentication = "MAC wrong";
            String recorded = manifest.encryption() == null ? null : manifest.encryption().keyFingerprint();
            problems.add(new IntegrityProblem(null, manifestKey, IntegrityProblem.Kind.MANIFEST,
                    "the manifest does not match its MAC: it was altered after the backup"
                            + (recorded != null && !recorded.equals(key.get().fingerprint())
                            ? ", or the backup was written with another key (the manifest names " + recorded
                            + ", the key given is " + key.get().fingerprint() + ")" : "")));
        } else {
            authentication = "authenticated (HMAC-SHA-256, key fingerprint " + key.get().fingerprint() + ")";
        }
        problems.addAll(contentProblems(name, manifestKey, manifest));
        return new StoredManifest(manifest, authentication, problems, warnings);
    }

    /**
     * The key of this backup made of the key given: a passphrase is derived with the salt and iterations the manifest
     * records (PBKDF2 runs once per passphrase and backup; see {@code EncryptionKey#forBackup}).
     *
     * @throws IllegalArgumentException the manifest records a derivation this version cannot use
     */
    public Optional<EncryptionKey> keyFor(Optional<EncryptionKey> given) {
        return keyFor(manifest, given);
    }

    private static Optional<EncryptionKey> keyFor(BackupManifest manifest, Optional<EncryptionKey> given) {
        return given.map(k -> k.forBackup(manifest.keyDerivation()));
    }

    private static List<IntegrityProblem> contentProblems(String name, String manifestKey, BackupManifest m) {
        List<String> wrong = new ArrayList<>();
        if (!BackupManifest.KIND.equals(m.kind())) {
            wrong.add("kind is '" + m.kind() + "', not '" + BackupManifest.KIND + "'");
        }
        if (!name.equals(m.name())) {
            wrong.add("it is the manifest of backup '" + m.name() + "', stored as '" + name + "' (moved or replaced)");
        }
        if (m.formatVersion() > BackupManifest.FORMAT_VERSION) {
            wrong.add("format " + m.formatVersion() + " is newer than this version of k8s-backup reads ("
                    + BackupManifest.FORMAT_VERSION + ")");
        }
        if (m.formatVersion() >= FIRST_AUTHENTICATED_FORMAT && (m.backupId() == null || m.backupId().isBlank())) {
            wrong.add("format " + m.formatVersion() + " manifest without backupId");
        }
        if (m.types() == null || m.index() == null) {
            wrong.add("no types or no index");
        }
        return wrong.stream().map(w -> new IntegrityProblem(null, manifestKey, IntegrityProblem.Kind.MANIFEST, w)).toList();
    }

    private static String readOptional(BackupStorage storage, String key) throws IOException {
        try {
            return new String(storage.read(key), StandardCharsets.US_ASCII);
        } catch (FileNotFoundException missing) {
            return null;
        }
    }
}
