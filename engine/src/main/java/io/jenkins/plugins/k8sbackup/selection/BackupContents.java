package io.jenkins.plugins.k8sbackup.selection;

import io.jenkins.plugins.k8sbackup.archive.ObjectRecord;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a backup holds, by namespace and type, read from its index: to refuse a selection that names namespaces
 * by the names a mapping gives them, and to say what the backup has when a selection matches nothing.
 */
public final class BackupContents {
    private static final int LISTED = 20;

    private final String backupName;
    private final SortedSet<String> namespaces = new TreeSet<>();
    private final SortedMap<String, Long> types = new TreeMap<>();

    private BackupContents(String backupName) {
        this.backupName = backupName;
    }

    public static BackupContents of(String backupName, Collection<ObjectRecord> index) {
        BackupContents c = new BackupContents(backupName);
        for (ObjectRecord r : index) {
            if (r.namespace() != null) {
                c.namespaces.add(r.namespace());
            } else if (r.resource().equals(WellKnownTypes.NAMESPACES)) {
                c.namespaces.add(r.name());
            }
            c.types.merge(r.resource(), 1L, Long::sum);
        }
        return c;
    }

    /**
     * Refuses namespace names in the selection (include, exclude, single objects) that no namespace of the backup
     * answers to but a mapping target does: selections name the backup's namespaces, the mapping applies after.
     */
    public void checkNamespaceNames(Selection selection) {
        Map<String, String> mapping = selection.mapping().pairs();
        Stream<String> named = Stream.of(selection.includeNamespaces().stream(), selection.excludeNamespaces().stream(),
                selection.objects().stream().map(Selection.ObjectRef::namespace)).flatMap(s -> s);
        for (String name : named.filter(n -> n != null).distinct().toList()) {
            NameFilter pattern = new NameFilter(List.of(name), List.of());
            if (namespaces.stream().anyMatch(pattern::matches)) {
                continue;
            }
            List<String> sources = mapping.entrySet().stream().filter(e -> pattern.matches(e.getValue()))
                    .map(Map.Entry::getKey).sorted().toList();
            if (!sources.isEmpty()) {
                throw new IllegalArgumentException("namespace '" + name + "' is where the namespace mapping puts "
                        + quoted(sources) + ", not a namespace of backup " + backupName + ": a selection names the backup's "
                        + "namespaces and the mapping applies after it, so select " + quoted(sources) + " instead");
            }
        }
    }

    /** Namespaces the selection names literally (no glob) that the backup does not have. */
    public List<String> absentNamespaces(Selection selection) {
        return selection.includeNamespaces().stream().filter(n -> !n.contains("*") && !n.contains("?") && !namespaces.contains(n))
                .distinct().toList();
    }

    /** Why a selection matched nothing: what it asked for, and what the backup has. */
    public String nothingSelected(Selection selection) {
        if (types.isEmpty()) {
            return "backup " + backupName + " holds no object, so there is nothing to compare";
        }
        return "the selection (" + selection.describe() + ") matches no object of backup " + backupName + ", which has "
                + (namespaces.isEmpty() ? "no namespaced objects" : "namespaces " + listed(namespaces))
                + " and types " + listed(types.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList())
                + " (select namespaces by their names in the backup; a namespace mapping applies after the selection)";
    }

    private static String listed(Collection<String> names) {
        List<String> shown = new ArrayList<>(names).subList(0, Math.min(LISTED, names.size()));
        return String.join(", ", shown) + (names.size() > LISTED ? " and " + (names.size() - LISTED) + " more" : "");
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(" or "));
    }
}
