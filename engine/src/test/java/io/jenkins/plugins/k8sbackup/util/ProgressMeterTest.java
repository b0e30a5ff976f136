package io.jenkins.plugins.k8sbackup.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {
    @Test
    void aLineCarriesCountsPercentRateAndEveryWaitUnderWay() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (ProgressMeter meter = ProgressMeter.start(lines::add, "restore", "objects", Duration.ofHours(1))) {
            meter.expect(10);
            meter.expect(-2); // a label selector left two out
            meter.done(2);
            String[] pressure = {"the API server's back-off (3 requests waiting to retry)"};
            meter.watch(() -> pressure[0]);
            try (var crds = meter.waitingFor("2 CRDs to become Established")) {
                assertThat(meter.line()).startsWith("restore: 2 of 8 objects (25%), ").contains("/s; waiting for ")
                        .contains("2 CRDs to become Established").contains("3 requests waiting to retry");
            }
            pressure[0] = null;
            assertThat(meter.line()).isEqualTo("restore: 2 of 8 objects (25%), 0/s")
                    .as("the rate is since the previous line, the ended wait is gone");
        }
        assertThat(lines).as("nothing printed before the first interval").isEmpty();
    }

    @Test
    void withoutATotalItCountsAlone() {
        try (ProgressMeter meter = ProgressMeter.start(m -> {}, "verify", "objects", Duration.ofHours(1))) {
            meter.done(5);
            assertThat(meter.line()).startsWith("verify: 5 objects, ");
        }
    }

    @Test
    void itPrintsEveryIntervalUntilClosedAndNeverAfter() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        ProgressMeter meter = ProgressMeter.start(lines::add, "restore", "objects", Duration.ofMillis(20));
        meter.expect(4);
        meter.done(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lines.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        meter.close();
        int printed = lines.size();
        assertThat(printed).isGreaterThanOrEqualTo(3);
        assertThat(lines).allMatch(l -> l.startsWith("restore: 1 of 4 objects (25%)"));
        Thread.sleep(100);
        assertThat(lines).hasSize(printed);
    }
}
