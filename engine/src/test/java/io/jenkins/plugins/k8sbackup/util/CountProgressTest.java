package io.jenkins.plugins.k8sbackup.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CountProgressTest {
    @Test
    void reportsAtMostOncePerIntervalWithTheRate() {
        List<String> lines = new ArrayList<>();
        AtomicLong now = new AtomicLong(0);
        CountProgress p = new CountProgress(lines::add, "diff: %d/%d objects compared", 1000, 5_000_000_000L, now::get);

        p.add(100);
        now.set(4_000_000_000L);
        p.add(100);
        assertThat(lines).isEmpty(); // not yet 5 s

        now.set(5_000_000_000L);
        p.add(300);
        now.set(6_000_000_000L);
        p.add(100);
        assertThat(lines).containsExactly("diff: 500/1000 objects compared (100/s)");

        now.set(10_000_000_000L);
        p.add(500);
        assertThat(lines).containsExactly("diff: 500/1000 objects compared (100/s)", "diff: 1100/1000 objects compared (110/s)");
        assertThat(p.done()).isEqualTo(1100);
        assertThat(p.line()).isEqualTo("diff: 1100/1000 objects compared (110/s)");
    }
}
