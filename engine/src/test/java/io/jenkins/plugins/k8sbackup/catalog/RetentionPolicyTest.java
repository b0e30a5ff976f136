package io.jenkins.plugins.k8sbackup.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.util.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    static BackupSummary complete(String name, Duration age) {
        Instant start = NOW.minus(age);
        return new BackupSummary(name, BackupKind.KUBERNETES, start, start.plusSeconds(60), BackupStatus.Completed, 1, 1,
                Map.of());
    }

    static BackupSummary incomplete(String name) {
        return new BackupSummary(name, BackupKind.KUBERNETES, null, null, BackupStatus.Incomplete, 1, 0, Map.of());
    }

    /** Newest first, as BackupCatalog.list() returns them. */
    final List<BackupSummary> backups = List.of(
            complete("h1", Duration.ofHours(1)),
            complete("h24", Duration.ofHours(24)),
            complete("h71", Duration.ofHours(71)),
            complete("h73", Duration.ofHours(73)),
            complete("d10", Duration.ofDays(10)),
            incomplete("died"));

    @Test
    void ttlSelectsOnlyOlderBackups() {
        RetentionPolicy ttl = new RetentionPolicy(Durations.parse("72h"), null);
        assertThat(ttl.select(backups, null, NOW)).containsExactly("h73", "d10");
    }

    @Test
    void keepLastSelectsCompleteBackupsBeyondTheNewestN() {
        assertThat(new RetentionPolicy(null, 2).select(backups, null, NOW)).containsExactly("h71", "h73", "d10");
        assertThat(new RetentionPolicy(null, 10).select(backups, null, NOW)).isEmpty();
    }

    @Test
    void ttlAndKeepLastCombineAsEither() {
        assertThat(new RetentionPolicy(Duration.ofDays(5), 3).select(backups, null, NOW)).containsExactly("h73", "d10");
        assertThat(new RetentionPolicy(Duration.ofHours(12), 3).select(backups, null, NOW))
                .containsExactly("h24", "h71", "h73", "d10");
    }

    @Test
    void theBackupBeingWrittenIsNeverSelected() {
        assertThat(new RetentionPolicy(Duration.ofHours(72), 1).select(backups, "d10", NOW)).doesNotContain("d10")
                .containsExactly("h24", "h71", "h73");
        assertThat(new RetentionPolicy(Duration.ofMinutes(1), 1).select(backups, "h1", NOW)).doesNotContain("h1");
    }

    @Test
    void incompleteBackupsAreNeverSelectedNorCounted() {
        List<BackupSummary> list = List.of(incomplete("running"), complete("a", Duration.ofDays(30)), incomplete("died"));
        assertThat(new RetentionPolicy(Duration.ofHours(1), 1).select(list, null, NOW)).containsExactly("a");
        assertThat(new RetentionPolicy(null, 1).select(list, null, NOW)).as("'a' is the newest complete one").isEmpty();
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertThatThrownBy(() -> new RetentionPolicy(null, 0)).hasMessageContaining("keep-last must be at least 1");
        assertThatThrownBy(() -> new RetentionPolicy(Duration.ZERO, null)).hasMessageContaining("ttl must be positive");
        assertThat(new RetentionPolicy(null, null).isEmpty()).isTrue();
        assertThat(new RetentionPolicy(null, null).select(backups, null, NOW)).isEmpty();
    }
}
