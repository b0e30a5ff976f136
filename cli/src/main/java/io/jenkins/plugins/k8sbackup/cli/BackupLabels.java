package io.jenkins.plugins.k8sbackup.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.selection.LabelSelector;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A backup's labels as list and delete show and select them, with the same selector syntax as for objects. */
final class BackupLabels {
    private BackupLabels() {}

    static List<BackupSummary> matching(List<BackupSummary> backups, String selector) {
        LabelSelector parsed = LabelSelector.parse(selector);
        if (parsed == null) {
            return backups;
        }
        return backups.stream().filter(b -> parsed.matches(asObject(b.labels()))).toList();
    }

    /** The shape LabelSelector reads: an object whose metadata.labels are the backup's labels. */
    private static ObjectNode asObject(Map<String, String> labels) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        ObjectNode l = o.putObject("metadata").putObject("labels");
        labels.forEach(l::put);
        return o;
    }

    static String text(Map<String, String> labels) {
        return labels.isEmpty() ? "-" : new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
