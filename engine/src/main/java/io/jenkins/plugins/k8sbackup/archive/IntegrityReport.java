package io.jenkins.plugins.k8sbackup.archive;

import io.jenkins.plugins.k8sbackup.util.Bytes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link BackupIntegrityCheck} found: how the manifest was authenticated, what was checked, and every problem.
 * {@code warnings} say what the check could not prove (no key, a format without MAC). {@code entriesUnpacked} false:
 * the archives' sizes and SHA-256s were checked, their entries are checked as they are read (diff and verify).
 */
public record IntegrityReport(String backup, String authentication, int archivesChecked, long objectsChecked,
                              long bytesChecked, List<IntegrityProblem> problems, List<String> warnings,
                              boolean entriesUnpacked) {
    public IntegrityReport {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public IntegrityReport(String backup, String authentication, int archivesChecked, long objectsChecked,
                           long bytesChecked, List<IntegrityProblem> problems, List<String> warnings) {
        this(backup, authentication, archivesChecked, objectsChecked, bytesChecked, problems, warnings, true);
    }

    public boolean intact() {
        return problems.isEmpty();
    }

    /** The manifest or the index is damaged: no part of the backup can be trusted. */
    public boolean wholeBackupDamaged() {
        return problems.stream().anyMatch(IntegrityProblem::wholeBackup);
    }

    /** The types whose archives are damaged. */
    public Set<String> damagedTypes() {
        Set<String> types = new TreeSet<>();
        problems.stream().filter(p -> !p.wholeBackup()).forEach(p -> types.add(p.resource()));
        return types;
    }

    public String summaryLine() {
        String checked = archivesChecked + " archives, " + (entriesUnpacked ? objectsChecked + " objects, " : "")
                + Bytes.human(bytesChecked) + " checked" + (entriesUnpacked ? "" : ", their objects as they are read")
                + "; manifest " + authentication;
        return "integrity of backup " + backup + ": " + (intact() ? "intact" : "DAMAGED (" + problems.size() + " problems)")
                + " (" + checked + ")";
    }
}
