package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A restore against a slow API server says how far it is while it runs; --quiet and --verbose change what it says. */
class RestoreProgressCliTest {
    private static final Pattern LINE = Pattern.compile("(?m)^restore: (\\d+) of (\\d+) objects \\((\\d+)%\\), (\\d+)/s(.*)$");

    /** Its simulated controllers mark CRDs Established, as a real API server does. */
    @RegisterExtension
    static final ShopCluster SHOP = new ShopCluster(true);
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void backUp() {
        assertThat(CliRun.execute(new StringWriter(), new StringWriter(), "backup", "--kubeconfig", SHOP.kubeconfig().toString(),
                "--storage", SHOP.dir().resolve("store").toString(), "-n", "shop", "--name", "p1")).isZero();
    }

    @BeforeEach
    void fastTicks() {
        System.setProperty("k8sbackup.progressIntervalMillis", "150");
    }

    @AfterEach
    void normalTicks() {
        System.clearProperty("k8sbackup.progressIntervalMillis");
        SHOP.cluster().faults().clear();
    }

    private int restoreInto(String namespace, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("restore", "p1", "--kubeconfig", SHOP.kubeconfig().toString(),
                "--storage", SHOP.dir().resolve("store").toString(), "--namespace-map", "shop=" + namespace, "--concurrency", "1"));
        args.addAll(List.of(more));
        return CliRun.execute(out, err, args.toArray(String[]::new));
    }

    @Test
    void aSlowRestorePrintsCountsAndRateWhileItRunsAndWhatItWaitsFor() throws Exception {
        SHOP.cluster().faults().writeLatencyMillis(60).throttleNextWrites(1).retryAfterSeconds(1);

        assertThat(restoreInto("shop-slow", "-o", "json")).isZero();

        long total = Json.MAPPER.readTree(out.toString()).path("items").size();
        Matcher m = LINE.matcher(err.toString());
        long previous = -1;
        int lines = 0;
        boolean backOffShown = false;
        while (m.find()) {
            lines++;
            long done = Long.parseLong(m.group(1));
            assertThat(Long.parseLong(m.group(2))).as("the total is what the restore then did").isEqualTo(total);
            assertThat(done).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(total);
            previous = done;
            backOffShown |= m.group(5).contains("waiting for the API server's back-off (")
                    && m.group(5).contains("1 request waiting to retry)");
        }
        assertThat(lines).as(err.toString()).isGreaterThanOrEqualTo(3);
        assertThat(previous).as("counts grow while it runs").isPositive();
        assertThat(backOffShown).as("the 429 back-off is named while it lasts:\n" + err).isTrue();
        assertThat(out.toString()).as("stdout stays the JSON document").startsWith("{");
    }

    @Test
    void quietPrintsNoProgressAndVerbosePrintsEveryObject() {
        SHOP.cluster().faults().writeLatencyMillis(60);
        assertThat(restoreInto("shop-quiet", "--quiet")).isZero();
        assertThat(err.toString()).doesNotContain("restore: ").doesNotContain("step: ");
        assertThat(out.toString()).contains("restore p1: Completed");

        assertThat(restoreInto("shop-verbose", "--verbose")).isZero();
        assertThat(err.toString()).containsPattern("(?m)^restore: \\d+ of \\d+ objects")
                .contains("  create deployments.apps shop-verbose/web").contains("  create services shop-verbose/web");
        assertThat(restoreInto("shop-normal")).isZero();
        assertThat(err.toString()).contains("step: ").doesNotContain("  create deployments.apps shop-normal/web");
    }
}
