package io.jenkins.plugins.k8sbackup.jenkins.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupReportActionTest {
    @TempDir
    Path tmp;

    @Test
    void entriesAccumulateOnOneActionAndOnlyRecordedFilesAreServed() throws Exception {
        StepHarness h = new StepHarness(tmp, "job", 2);
        Files.writeString(h.run.getRootDir().toPath().resolve("build.xml"), "<secret/>");

        BackupReportAction a = BackupReportAction.record(h.run, new ReportEntry("k8sBackup", "Backup b", "Completed", "ok",
                Map.of("pods", 3L), List.of(), List.of()), Map.of("name", "b"));
        BackupReportAction b = BackupReportAction.record(h.run, new ReportEntry("verifyRestore", "Verify b", "PASS", "ok",
                Map.of(), Collections.nCopies(80, "w"), List.of()), Map.of("verdict", "PASS"));

        assertThat(b).isSameAs(a);
        assertThat(a.getEntries()).extracting(ReportEntry::getReportFile).containsExactly("k8sBackup-1.json", "verifyRestore-2.json");
        assertThat(a.getEntries().get(1).getWarnings()).hasSize(ReportEntry.MAX_LISTED);
        assertThat(a.getEntries().get(1).getTotalWarnings()).isEqualTo(80);
        assertThat(a.reportFile("k8sBackup-1.json")).exists();
        assertThat(a.reportFile("../build.xml")).isNull();
        assertThat(a.reportFile("k8sBackup-9.json")).isNull();
        assertThat(a.reportFile(null)).isNull();
    }
}
