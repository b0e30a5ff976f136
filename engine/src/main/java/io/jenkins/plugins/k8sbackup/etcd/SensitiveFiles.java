package io.jenkins.plugins.k8sbackup.etcd;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which control-plane files are secrets, which the kit stores only encrypted: private keys (by name or
 * PEM content), the encryption-at-rest configuration, and kubeconfig or kubeadm files carrying credentials
 * (embedded client keys, tokens, passwords, kubeadm's certificateKey). A false positive only makes a key
 * mandatory; a miss would store a secret in plain, so the rules lean towards "secret".
 */
final class SensitiveFiles {
    private static final Pattern ENCRYPTION_CONFIG = Pattern.compile(
            "(?m)^[ \\t]*\"?kind\"?[ \\t]*:[ \\t]*\"?EncryptionConfiguration\\b");
    private static final Pattern CREDENTIAL_FIELD = Pattern.compile(
            "(?m)^[ \\t]*(?:-[ \\t]*)?\"?(token|password|secret|certificateKey|client-key-data)\"?[ \\t]*:[ \\t]*[^\\s#]");

    private SensitiveFiles() {}

    /** Why {@code content} (of a file called {@code fileName}) is a secret, or empty when it is not. */
    static Optional<String> reason(String fileName, byte[] content) {
        if (fileName.endsWith(".key")) {
            return Optional.of("private key (*.key)");
        }
        String text = new String(content, StandardCharsets.ISO_8859_1);
        if (text.contains("PRIVATE KEY-----")) {
            return Optional.of("holds a PEM private key");
        }
        if (ENCRYPTION_CONFIG.matcher(text).find()) {
            return Optional.of("encryption-at-rest configuration (EncryptionConfiguration)");
        }
        Matcher credential = CREDENTIAL_FIELD.matcher(text);
        if (credential.find()) {
            return Optional.of("holds a credential ('" + credential.group(1) + "')");
        }
        return Optional.empty();
    }
}
