package io.jenkins.plugins.k8sbackup.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import io.jenkins.plugins.k8sbackup.restore.BackupContents;
import io.jenkins.plugins.k8sbackup.restore.CheckedSelection;
import io.jenkins.plugins.k8sbackup.restore.DesiredObjects;
import io.jenkins.plugins.k8sbackup.transform.Transforms;
import io.jenkins.plugins.k8sbackup.restore.ObjectApi;
import io.jenkins.plugins.k8sbackup.restore.Sanitizer;
import io.jenkins.plugins.k8sbackup.restore.SelectionPlan;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a backup with the live cluster object by object, under the restore's selection, mapping and
 * sanitising rules. "Added" objects are looked for in namespaced types only, in the selected namespaces
 * (cluster-scoped types would list every cluster object the backup did not select), and not when single
 * objects were selected; pods owned by a controller and generated ServiceAccount tokens are never "added",
 * since backups and restores leave them to the cluster. A comparison of nothing is an error, never "identical";
 * so is a selection that names namespaces by the names the mapping gives them. The archives are checked first
 * ({@link CheckedSelection}): a damaged one is an error and its type is not compared.
 */
public final class DiffRunner {
    private final ObjectApi api;
    private final BackupReader reader;
    private final ProgressListener progress;

    public DiffRunner(KubernetesClient client, ApiCaller caller, BackupReader reader, ProgressListener progress) {
        this.api = new ObjectApi(client, caller);
        this.reader = reader;
        this.progress = progress;
    }

    public DiffReport run(DiffSpec spec) throws IOException, InterruptedException {
        CheckedSelection checked = CheckedSelection.check(reader, spec.selection(), progress);
        SelectionPlan plan = checked.plan(); // without the types whose archives are damaged: those are errors
        BackupContents contents = checked.contents(reader.name());
        contents.checkNamespaceNames(plan.selection());
        Sanitizer sanitizer = new Sanitizer(spec.preserveNodePorts(), false);
        ObjectComparison comparison = new ObjectComparison(sanitizer);
        Transforms transforms = spec.transforms().compile();
        List<DiffReport.ObjectRef> missing = new ArrayList<>();
        List<DiffReport.ObjectRef> added = new ArrayList<>();
        List<DiffReport.ChangedObject> changed = new ArrayList<>();
        List<DiffReport.NotedObject> noted = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        contents.absentNamespaces(plan.selection()).forEach(ns -> warnings.add("namespace " + ns + " is not in backup " + reader.name()));
        List<String> errors = new ArrayList<>(checked.problems());
        long[] counts = new long[3]; // compared, identical, selected
        for (ResourceType type : plan.types()) {
            Set<String> inBackup = new HashSet<>();
            DesiredObjects.forEach(reader, plan, sanitizer, transforms, type, d -> {
                inBackup.add(d.namespace() + "/" + d.name());
                counts[2]++;
                if (d.error() != null) {
                    errors.add(d.ref() + ": cannot be read from the backup: " + d.error());
                    return;
                }
                counts[0]++;
                try {
                    JsonNode live = api.get(type, d.namespace(), d.name());
                    DiffReport.ObjectRef ref = new DiffReport.ObjectRef(type.qualifiedName(), d.namespace(), d.name());
                    if (live == null) {
                        missing.add(ref);
                        return;
                    }
                    List<FieldChange> changes = comparison.changes(type.qualifiedName(), d.object(), live);
                    List<PolicyNote> notes = comparison.notes(type.qualifiedName(), d.dropped(), d.object(), live);
                    if (!notes.isEmpty()) {
                        noted.add(new DiffReport.NotedObject(ref.resource(), ref.namespace(), ref.name(), notes));
                    }
                    if (changes.isEmpty()) {
                        counts[1]++;
                    } else {
                        changed.add(new DiffReport.ChangedObject(ref.resource(), ref.namespace(), ref.name(), changes));
                    }
                } catch (KubernetesClientException e) {
                    errors.add(d.ref() + ": cannot be read from the cluster " + ObjectApi.reason(e));
                }
            });
            if (type.namespaced() && spec.objects().isEmpty()) {
                findAdded(type, plan, sanitizer, inBackup, added, errors);
            }
        }
        warnings.addAll(transforms.summary().warnings());
        if (counts[0] == 0) {
            errors.add("nothing compared: " + (counts[2] == 0 ? contents.nothingSelected(plan.selection())
                    : "none of the " + counts[2] + " selected objects could be read from the backup"));
        }
        DiffReport report = new DiffReport(reader.name(), spec.namespaceMapping(), counts[0], counts[1], missing, added,
                changed, noted, warnings, errors);
        report.lines().forEach(progress::info);
        progress.info(report.summaryLine());
        return report;
    }

    private void findAdded(ResourceType type, SelectionPlan plan, Sanitizer sanitizer, Set<String> inBackup,
                           List<DiffReport.ObjectRef> added, List<String> errors) throws InterruptedException {
        for (String ns : plan.targetNamespaces()) {
            try {
                for (JsonNode live : api.list(type, ns)) {
                    String name = live.path("metadata").path("name").asText();
                    if (inBackup.contains(ns + "/" + name) || leftToTheCluster(type, live, sanitizer)
                            || !plan.selection().labelsMatch(live)) {
                        continue;
                    }
                    added.add(new DiffReport.ObjectRef(type.qualifiedName(), ns, name));
                }
            } catch (KubernetesClientException e) {
                errors.add(type.qualifiedName() + " in " + ns + ": cannot be listed " + ObjectApi.reason(e));
            }
        }
    }

    private static boolean leftToTheCluster(ResourceType type, JsonNode live, Sanitizer sanitizer) {
        if (sanitizer.skipReason(type.qualifiedName(), live) != null) {
            return true;
        }
        if (!type.qualifiedName().equals(WellKnownTypes.PODS)) {
            return false;
        }
        for (JsonNode ref : live.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }
}
