package io.jenkins.plugins.k8sbackup.jenkinshome;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The complete JENKINS_HOME backups at a location, grouped in sets of one full and the diffs based on it.
 * Only backups with a manifest count; incomplete ones (maybe still being written elsewhere) are left alone.
 */
public final class JenkinsBackupSets {
    private final BackupStorage storage;
    private final BackupCatalog catalog;

    public JenkinsBackupSets(BackupStorage storage) {
        this.storage = storage;
        this.catalog = new BackupCatalog(storage, JenkinsLayout.KIND);
    }

    /** Restorable JENKINS_HOME backups, newest first. */
    public List<JenkinsManifest> list() throws IOException {
        List<JenkinsManifest> out = new ArrayList<>();
        for (String name : storage.listChildren(JenkinsLayout.KIND.prefix())) {
            Optional<JsonNode> json;
            try {
                json = catalog.manifestJson(name);
            } catch (IllegalArgumentException | IOException unreadable) {
                continue; // not ours, or a broken manifest: never a base, never pruned automatically
            }
            if (json.isEmpty() || !JenkinsManifest.KIND.equals(json.get().path("kind").asText())) {
                continue;
            }
            JenkinsManifest m = Json.MAPPER.convertValue(json.get(), JenkinsManifest.class);
            if (m.status() != null && m.status().restorable()) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(JenkinsManifest::startTime, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(JenkinsManifest::name));
        return out;
    }

    public Optional<JenkinsManifest> lastFull() throws IOException {
        return list().stream().filter(m -> m.mode() == BackupMode.FULL).findFirst();
    }

    /** The manifest of a restorable backup, or a clear error. */
    public JenkinsManifest require(String name) throws IOException {
        JsonNode json = catalog.requireManifest(name, JsonNode.class);
        if (!JenkinsManifest.KIND.equals(json.path("kind").asText())) {
            throw new JenkinsHomeException("backup '" + name + "' is a " + json.path("kind").asText()
                    + " backup, not a JENKINS_HOME backup");
        }
        JenkinsManifest m = Json.MAPPER.convertValue(json, JenkinsManifest.class);
        if (m.status() == null || !m.status().restorable()) {
            throw new JenkinsHomeException("backup '" + name + "' has status " + m.status() + " and cannot be restored");
        }
        return m;
    }

    /**
     * Keeps the newest {@code keepLastFull} full backups and the diffs based on them; deletes the rest, diffs
     * whose full is gone included. Returns the deleted names.
     */
    public List<String> prune(int keepLastFull, String protectedName) throws IOException {
        if (keepLastFull < 1) {
            throw new IllegalArgumentException("keepLastFull must be at least 1");
        }
        List<JenkinsManifest> all = list();
        Set<String> keptFulls = new HashSet<>();
        for (JenkinsManifest m : all) {
            if (m.mode() == BackupMode.FULL && keptFulls.size() < keepLastFull) {
                keptFulls.add(m.name());
            }
        }
        List<String> doomed = new ArrayList<>();
        // diffs before fulls: an interrupted prune never leaves a diff without its full
        all.sort(Comparator.comparing((JenkinsManifest m) -> m.mode() == BackupMode.FULL));
        for (JenkinsManifest m : all) {
            boolean kept = m.mode() == BackupMode.FULL ? keptFulls.contains(m.name()) : keptFulls.contains(m.baseFull());
            if (!kept && !m.name().equals(protectedName)) {
                doomed.add(m.name());
            }
        }
        for (String name : doomed) {
            delete(name);
        }
        return doomed;
    }

    /** Deletes a backup and its separately stored master key; the manifest goes first. */
    public void delete(String name) throws IOException {
        catalog.delete(name);
        storage.deletePrefix(JenkinsLayout.MASTER_KEY_PREFIX + BackupCatalog.checkName(name) + "/");
    }
}
