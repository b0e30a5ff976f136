package io.jenkins.plugins.k8sbackup.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The content of one lease object (see {@link BackupLocks}): who holds it, for what, and until when. The random
 * {@code id} tells a holder its own lease from a successor's.
 */
public record LeaseRecord(String id, String holder, String purpose, Instant acquiredAt, Instant expiresAt) {

    static LeaseRecord create(String purpose, Instant now, Duration duration) {
        return new LeaseRecord(UUID.randomUUID().toString(), HOLDER, purpose, now, now.plus(duration));
    }

    LeaseRecord renewedUntil(Instant expiry) {
        return new LeaseRecord(id, holder, purpose, acquiredAt, expiry);
    }

    /** "restore by host-a (pid 4711) until 2026-11-20T10:02:00Z" */
    public String describe() {
        return purpose + " by " + holder + " until " + expiresAt;
    }

    /** The host and process, without a name lookup (it can hang for seconds); enough for an operator to find the run. */
    private static final String HOLDER = hostName() + " (pid " + ProcessHandle.current().pid() + ")";

    private static String hostName() {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        try {
            return Files.readString(Path.of("/etc/hostname")).strip();
        } catch (IOException | RuntimeException none) {
            return "unknown host";
        }
    }
}
