package io.jenkins.plugins.k8sbackup.jenkinshome;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.util.List;
import java.util.Map;

/**
 * What a restore would do, computed without writing anything. Paths are relative to the target.
 *
 * @param chain     the backups applied in order: the full, then the diff (if the backup is a diff)
 * @param refused   unsafe paths (traversal, absolute, symlink on the way, directory in the way): never written
 * @param masterKey what happens to secrets/master.key, in words
 */
public record JenkinsRestorePlan(String backupName, BackupMode mode, List<String> chain, String target,
                                 List<String> create, List<String> overwrite, List<String> delete,
                                 List<String> unchanged, List<FileProblem> refused, String pluginsTxt,
                                 int pluginCount, String masterKey, List<String> warnings) {

    public Map<String, Object> toMap() {
        return Json.MAPPER.convertValue(this, new TypeReference<Map<String, Object>>() {});
    }
}
