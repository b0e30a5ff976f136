package io.jenkins.plugins.k8sbackup.jenkins.report;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One step's outcome as shown on the build page; its full JSON report is {@link #getReportFile()}. */
public final class ReportEntry implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Long lists stay readable on the page; the JSON report has them all. */
    static final int MAX_LISTED = 50;

    private final String step;
    private final String title;
    private final String status;
    private final String summary;
    private final Map<String, Long> counts;
    private final List<String> warnings;
    private final List<String> errors;
    private final int totalWarnings;
    private final int totalErrors;
    private String reportFile;

    public ReportEntry(String step, String title, String status, String summary, Map<String, Long> counts,
                       List<String> warnings, List<String> errors) {
        this.step = step;
        this.title = title;
        this.status = status;
        this.summary = summary;
        this.counts = counts == null ? Map.of() : new LinkedHashMap<>(counts);
        this.warnings = warnings == null ? List.of() : List.copyOf(warnings.subList(0, Math.min(MAX_LISTED, warnings.size())));
        this.errors = errors == null ? List.of() : List.copyOf(errors.subList(0, Math.min(MAX_LISTED, errors.size())));
        this.totalWarnings = warnings == null ? 0 : warnings.size();
        this.totalErrors = errors == null ? 0 : errors.size();
    }

    public String getStep() {
        return step;
    }

    public String getTitle() {
        return title;
    }

    public String getStatus() {
        return status;
    }

    public String getSummary() {
        return summary;
    }

    public Map<String, Long> getCounts() {
        return counts;
    }

    public List<String> getWarnings() {
        return warnings;
    }

    public List<String> getErrors() {
        return errors;
    }

    public int getTotalWarnings() {
        return totalWarnings;
    }

    public int getTotalErrors() {
        return totalErrors;
    }

    public String getReportFile() {
        return reportFile;
    }

    void setReportFile(String reportFile) {
        this.reportFile = reportFile;
    }
}
