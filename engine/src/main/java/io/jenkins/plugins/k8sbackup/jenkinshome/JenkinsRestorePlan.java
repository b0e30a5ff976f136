package io.jenkins.plugins.k8sbackup.jenkinshome;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.k8sbackup.outcome.Outcome;
import io.jenkins.plugins.k8sbackup.outcome.RunResult;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.util.List;
import java.util.Map;

/**
 * What a restore would do, computed without writing anything. Paths are relative to the target. A refused path
 * makes it PartiallyFailed: the restore would leave it out.
 *
 * @param chain     the backups applied in order: the full, then the diff (if the backup is a diff)
 * @param refused   unsafe paths (traversal, absolute, symlink on the way, directory in the way): never written
 * @param masterKey what happens to secrets/master.key, in words
 */
public record JenkinsRestorePlan(String backupName, BackupMode mode, List<String> chain, String target,
                                 List<String> create, List<String> overwrite, List<String> delete,
                                 List<String> unchanged, List<FileProblem> refused, String pluginsTxt,
                                 int pluginCount, String masterKey, List<String> warnings) implements RunResult {

    @Override
    public Outcome outcome() {
        return new Outcome(refused.isEmpty() ? RunStatus.Completed : RunStatus.PartiallyFailed, summaryLine());
    }

    public String summaryLine() {
        return String.format("JENKINS_HOME restore preview of %s into %s: would create %d, overwrite %d, delete %d, "
                + "leave %d unchanged; %d refused", backupName, target, create.size(), overwrite.size(), delete.size(),
                unchanged.size(), refused.size());
    }

    public Map<String, Object> toMap() {
        return Json.MAPPER.convertValue(this, new TypeReference<Map<String, Object>>() {});
    }
}
