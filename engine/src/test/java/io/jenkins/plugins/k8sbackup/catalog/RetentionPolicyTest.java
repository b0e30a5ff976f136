package io.jenkins.plugins.k8sbackup.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.k8sbackup.util.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final BackupSeries NIGHTLY = new BackupSeries("uid-prod", Map.of("job", "nightly"));
    static final BackupSeries HOURLY = new BackupSeries("uid-prod", Map.of("job", "hourly"));
    static final BackupSeries NIGHTLY_STAGING = new BackupSeries("uid-staging", Map.of("job", "nightly"));

    static BackupSummary backup(String name, Duration age, Instant expiresAt, BackupSeries series, BackupStatus status) {
        Instant start = NOW.minus(age);
        return new BackupSummary(name, BackupKind.KUBERNETES, start, start.plusSeconds(60), status, 1, 1, Map.of(),
                expiresAt, series, List.of());
    }

    static BackupSummary nightly(String name, Duration age) {
        return backup(name, age, null, NIGHTLY, BackupStatus.Completed);
    }

    static BackupSummary unfinished(String name, BackupStatus status) {
        return new BackupSummary(name, BackupKind.KUBERNETES, null, null, status, 1, 0, Map.of());
    }

    @Test
    void aTtlIsTheBackupsOwnExpiryNotARuleForOthers() {
        RetentionPolicy ttl = new RetentionPolicy(Durations.parse("2s"), null);
        assertThat(ttl.expiresAt(NOW)).isEqualTo(NOW.plusSeconds(2));
        assertThat(new RetentionPolicy(null, 3).expiresAt(NOW)).as("no ttl: never expires").isNull();

        List<BackupSummary> all = List.of(
                backup("mine", Duration.ZERO, NOW.plusSeconds(2), NIGHTLY, BackupStatus.Completed),
                backup("others-no-ttl", Duration.ofDays(400), null, HOURLY, BackupStatus.Completed),
                backup("old-manifest", Duration.ofDays(400), null, null, BackupStatus.Completed),
                backup("others-expired", Duration.ofDays(8), NOW.minusSeconds(1), HOURLY, BackupStatus.Completed),
                backup("others-valid", Duration.ofDays(8), NOW.plusSeconds(3600), HOURLY, BackupStatus.Completed));

        assertThat(ttl.select(all, "mine", NIGHTLY, NOW)).as("only what its own expiry says").containsExactly("others-expired");
        assertThat(ttl.select(all, "mine", NIGHTLY, NOW.plusSeconds(10))).containsExactly("others-expired");
        assertThat(ttl.select(all, "other-run", NIGHTLY, NOW.plusSeconds(10))).contains("mine");
    }

    @Test
    void keepLastKeepsExactlyNOfTheSameSeriesCountingTheNewOne() {
        List<BackupSummary> all = List.of(
                nightly("n-new", Duration.ZERO),
                backup("h1", Duration.ofHours(1), null, HOURLY, BackupStatus.Completed),
                nightly("n1", Duration.ofDays(1)),
                backup("staging-n1", Duration.ofDays(1), null, NIGHTLY_STAGING, BackupStatus.Completed),
                nightly("n2", Duration.ofDays(2)),
                backup("old-manifest", Duration.ofDays(3), null, null, BackupStatus.Completed),
                nightly("n3", Duration.ofDays(3)),
                backup("h2", Duration.ofDays(9), null, HOURLY, BackupStatus.Completed));

        assertThat(new RetentionPolicy(null, 2).select(all, "n-new", NIGHTLY, NOW)).containsExactly("n2", "n3");
        assertThat(new RetentionPolicy(null, 1).select(all, "n-new", NIGHTLY, NOW)).containsExactly("n1", "n2", "n3");
        assertThat(new RetentionPolicy(null, 4).select(all, "n-new", NIGHTLY, NOW)).isEmpty();
        assertThat(new RetentionPolicy(null, 1).select(all, "h1", HOURLY, NOW)).containsExactly("h2");
    }

    @Test
    void keepLastCountsOnlyRestorableBackupsAndNeverSelectsTheCurrentOrUnfinishedOnes() {
        List<BackupSummary> all = List.of(
                unfinished("running", BackupStatus.InProgress),
                backup("failed-new", Duration.ofMinutes(1), null, NIGHTLY, BackupStatus.Failed),
                nightly("n1", Duration.ofDays(1)),
                backup("partial", Duration.ofDays(2), null, NIGHTLY, BackupStatus.PartiallyFailed),
                backup("failed-old", Duration.ofDays(3), null, NIGHTLY, BackupStatus.Failed),
                nightly("n3", Duration.ofDays(4)),
                unfinished("died", BackupStatus.Incomplete));

        assertThat(new RetentionPolicy(null, 2).select(all, "failed-new", NIGHTLY, NOW))
                .as("a failed backup does not count as one of the N kept").containsExactly("failed-old", "n3");
        assertThat(new RetentionPolicy(null, 1).select(all, "n3", NIGHTLY, NOW)).doesNotContain("n3", "running", "died");
    }

    @Test
    void anEmptyPolicyDeletesNothingNotEvenExpiredBackups() {
        List<BackupSummary> all = List.of(backup("expired", Duration.ofDays(9), NOW.minusSeconds(5), NIGHTLY, BackupStatus.Completed));
        assertThat(new RetentionPolicy(null, null).isEmpty()).isTrue();
        assertThat(new RetentionPolicy(null, null).select(all, null, NIGHTLY, NOW)).isEmpty();
        assertThat(new RetentionPolicy(null, 5).select(all, null, NIGHTLY, NOW)).containsExactly("expired");
    }

    @Test
    void theSeriesIsTheSourceAndTheLabelsThatDoNotNameOneRun() {
        Map<String, String> labels = Map.of("JOB_NAME", "nightly", "BUILD_NUMBER", "41", "BUILD_URL", "http://ci/41",
                "GIT_COMMIT", "abc", "team", "shop");
        RetentionPolicy byDefault = new RetentionPolicy(null, 3);
        assertThat(byDefault.seriesOf("uid-1", labels)).isEqualTo(new BackupSeries("uid-1", Map.of("JOB_NAME", "nightly", "team", "shop")));
        assertThat(byDefault.seriesOf("uid-1", Map.of("JOB_NAME", "nightly", "team", "shop", "BUILD_NUMBER", "42")))
                .as("the next build continues the series").isEqualTo(byDefault.seriesOf("uid-1", labels));
        assertThat(byDefault.seriesOf("uid-2", labels)).as("another cluster").isNotEqualTo(byDefault.seriesOf("uid-1", labels));
        RetentionPolicy named = new RetentionPolicy(null, 3, Set.of("JOB_NAME"));
        assertThat(named.seriesOf("uid-1", labels)).isEqualTo(new BackupSeries("uid-1", Map.of("JOB_NAME", "nightly")));
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertThatThrownBy(() -> new RetentionPolicy(null, 0)).hasMessageContaining("keep-last must be at least 1");
        assertThatThrownBy(() -> new RetentionPolicy(Duration.ZERO, null)).hasMessageContaining("ttl must be positive");
    }
}
