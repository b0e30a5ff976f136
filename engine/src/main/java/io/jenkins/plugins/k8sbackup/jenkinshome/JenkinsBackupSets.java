package io.jenkins.plugins.k8sbackup.jenkinshome;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupSeries;
import io.jenkins.plugins.k8sbackup.catalog.Pruning;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The complete JENKINS_HOME backups at a location, grouped in sets of one full and the diffs based on it.
 * Only backups with a manifest count; incomplete ones (maybe still being written elsewhere) are left alone.
 * A set belongs to one series (see {@link BackupSeries}): diffs are based, and retention counts, within it.
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

    /** The newest restorable full backup of {@code series}: the base of a differential backup. */
    public Optional<JenkinsManifest> lastFull(BackupSeries series) throws IOException {
        return list().stream().filter(m -> m.mode() == BackupMode.FULL && series.equals(m.series())).findFirst();
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
     * Keeps the newest {@code keepLastFull} full backups of {@code series} and the diffs based on them; deletes that
     * series' other sets through {@code pruning}, which keeps (and reports) any backup in use. Diffs go before their
     * full, and a full stays while one of its diffs does, so no kept diff loses its base. Backups of other series,
     * or without one, are never touched.
     */
    public void prune(int keepLastFull, String protectedName, BackupSeries series, Pruning pruning)
            throws IOException, InterruptedException {
        if (keepLastFull < 1) {
            throw new IllegalArgumentException("keepLastFull must be at least 1");
        }
        List<JenkinsManifest> members = list().stream().filter(m -> series.equals(m.series())).toList();
        Set<String> keptFulls = new HashSet<>();
        for (JenkinsManifest m : members) {
            if (m.mode() == BackupMode.FULL && keptFulls.size() < keepLastFull) {
                keptFulls.add(m.name());
            }
        }
        Map<String, List<String>> doomedDiffs = new TreeMap<>();
        List<String> doomedFulls = new ArrayList<>();
        for (JenkinsManifest m : members) {
            if (m.name().equals(protectedName)) {
                continue;
            }
            if (m.mode() == BackupMode.FULL && !keptFulls.contains(m.name())) {
                doomedFulls.add(m.name());
            } else if (m.mode() != BackupMode.FULL && !keptFulls.contains(m.baseFull())) {
                doomedDiffs.computeIfAbsent(m.baseFull(), f -> new ArrayList<>()).add(m.name());
            }
        }
        for (List<String> diffs : doomedDiffs.values()) {
            for (String diff : diffs) {
                pruning.delete(diff, () -> true);
            }
        }
        for (String full : doomedFulls) {
            List<String> keptDiffs = doomedDiffs.getOrDefault(full, List.of()).stream()
                    .filter(d -> !pruning.deleted().contains(d)).toList();
            if (keptDiffs.isEmpty()) {
                pruning.delete(full, () -> true);
            } else {
                pruning.warn("retention: kept full backup " + full + ": its diffs " + keptDiffs + " are still there");
            }
        }
    }

    /** Deletes a backup and its separately stored master key; the manifest goes first. Refused while in use. */
    public void delete(String name) throws IOException {
        catalog.delete(name);
    }
}
