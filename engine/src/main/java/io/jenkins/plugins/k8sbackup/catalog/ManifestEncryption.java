package io.jenkins.plugins.k8sbackup.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Reads a backup's {@link BackupEncryption} from its manifest, whatever the kind records it as, tolerantly: a field a
 * manifest lacks or holds in an unexpected shape gives {@value BackupEncryption#UNKNOWN}, never "none" or an error.
 */
public final class ManifestEncryption {
    private static final Set<String> MODES = Set.of("none", "secrets", "all");
    /** Kubernetes manifests from this format on record a passphrase's key derivation; before, a passphrase left no trace. */
    private static final int KEY_DERIVATION_FORMAT = 3;

    private ManifestEncryption() {}

    public static BackupEncryption read(BackupKind kind, JsonNode manifest) {
        if (manifest == null || !manifest.isObject()) {
            return BackupEncryption.NOT_KNOWN;
        }
        return switch (kind) {
            case KUBERNETES -> kubernetes(manifest);
            case JENKINS_HOME -> jenkinsHome(manifest);
            case ETCD -> etcd(manifest);
        };
    }

    /** {@code encryption: {mode, keyFingerprint, encryptedObjects, keyDerivation}}. */
    private static BackupEncryption kubernetes(JsonNode manifest) {
        JsonNode e = manifest.get("encryption");
        if (e == null || !e.isObject() || !e.path("mode").isTextual() || !MODES.contains(e.path("mode").asText())) {
            return BackupEncryption.NOT_KNOWN;
        }
        String mode = e.path("mode").asText();
        if (mode.equals("none")) {
            return BackupEncryption.NONE;
        }
        String fingerprint = fingerprintField(e, "keyFingerprint");
        boolean derived = e.path("keyDerivation").isObject();
        String source = derived ? "passphrase"
                : manifest.path("formatVersion").asInt(0) >= KEY_DERIVATION_FORMAT && fingerprint != null ? "key"
                : BackupEncryption.UNKNOWN;
        return new BackupEncryption(mode, source, fingerprint);
    }

    /** {@code encrypted} (boolean) and {@code keyFingerprint}. */
    private static BackupEncryption etcd(JsonNode manifest) {
        JsonNode encrypted = manifest.get("encrypted");
        if (encrypted == null || !encrypted.isBoolean()) {
            return BackupEncryption.NOT_KNOWN;
        }
        return encrypted.asBoolean() ? new BackupEncryption("all", BackupEncryption.UNKNOWN, fingerprintField(manifest, "keyFingerprint"))
                : BackupEncryption.NONE;
    }

    /** {@code encryptionKeyFingerprint}: null when the archive is not encrypted; a manifest without the field says nothing. */
    private static BackupEncryption jenkinsHome(JsonNode manifest) {
        JsonNode f = manifest.get("encryptionKeyFingerprint");
        if (f == null) {
            return BackupEncryption.NOT_KNOWN;
        }
        return f.isNull() ? BackupEncryption.NONE
                : new BackupEncryption("all", BackupEncryption.UNKNOWN, fingerprintField(manifest, "encryptionKeyFingerprint"));
    }

    /** A fingerprint is short hex; anything else recorded there is not shown (it could be something that must not be). */
    private static String fingerprintField(JsonNode node, String field) {
        JsonNode f = node.get(field);
        return f != null && f.isTextual() && f.asText().matches("[0-9a-fA-F]{1,64}") ? f.asText() : null;
    }
}
