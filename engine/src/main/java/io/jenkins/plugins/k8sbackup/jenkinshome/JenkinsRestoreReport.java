package io.jenkins.plugins.k8sbackup.jenkinshome;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.outcome.Outcome;
import io.jenkins.plugins.k8sbackup.outcome.RunResult;
import io.jenkins.plugins.k8sbackup.util.Bytes;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.util.List;
import java.util.Map;

/**
 * What a restore did. {@code errors} lists refused paths and files that failed their sha256 check (those keep
 * whatever the target had); any error makes the status PartiallyFailed.
 */
public record JenkinsRestoreReport(String backupName, BackupMode mode, List<String> chain, String target,
                                   BackupStatus status, int created, int overwritten, int deleted, int unchanged,
                                   long bytesWritten, int ignoredEntries, String pluginsTxt, int pluginCount,
                                   String masterKey, List<FileProblem> errors, List<String> warnings)
        implements RunResult {

    @Override
    public Outcome outcome() {
        return new Outcome(status.runStatus(), summaryLine());
    }

    public String summaryLine() {
        return String.format("JENKINS_HOME restore of %s into %s: %s, %d created, %d overwritten, %d deleted, %d unchanged "
                + "(%s written); %d errors", backupName, target, status, created, overwritten, deleted, unchanged,
                Bytes.human(bytesWritten), errors.size());
    }

    public Map<String, Object> toMap() {
        return Json.MAPPER.convertValue(this, new TypeReference<Map<String, Object>>() {});
    }
}
