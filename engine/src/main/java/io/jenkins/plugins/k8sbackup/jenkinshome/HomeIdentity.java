package io.jenkins.plugins.k8sbackup.jenkinshome;

import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Which Jenkins a JENKINS_HOME belongs to, for backup series: a digest of its {@code secret.key}, which Jenkins
 * creates once per instance (its own legacy instance id is a digest of the same key). Only 16 hex digits of the
 * SHA-256 are kept: enough to tell instances apart, nothing that helps guess the key. A restored home keeps the
 * key, so its backups continue the series.
 */
final class HomeIdentity {
    static final String SECRET_KEY = "secret.key";

    private HomeIdentity() {}

    /** "jenkins:1a2b…", or null for a home without a readable secret.key (a new or partial home). */
    static String of(Path home) {
        Path key = home.resolve(SECRET_KEY);
        if (!Files.isRegularFile(key, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return "jenkins:" + Sha256.hex(Files.readAllBytes(key)).substring(0, 16);
        } catch (IOException unreadable) {
            return null;
        }
    }
}
