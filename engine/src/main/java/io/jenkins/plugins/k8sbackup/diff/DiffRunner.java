package io.jenkins.plugins.k8sbackup.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.desired.DesiredObjects;
import io.jenkins.plugins.k8sbackup.desired.FieldChange;
import io.jenkins.plugins.k8sbackup.desired.ObjectComparison;
import io.jenkins.plugins.k8sbackup.desired.PolicyNote;
import io.jenkins.plugins.k8sbackup.desired.Sanitizer;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.ObjectApi;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import io.jenkins.plugins.k8sbackup.selection.BackupContents;
import io.jenkins.plugins.k8sbackup.selection.CheckedSelection;
import io.jenkins.plugins.k8sbackup.selection.SelectionPlan;
import io.jenkins.plugins.k8sbackup.desired.LivePairs;
import io.jenkins.plugins.k8sbackup.util.InParallel;
import io.jenkins.plugins.k8sbackup.util.ProgressMeter;
import io.jenkins.plugins.k8sbackup.transform.Transforms;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compares a backup with the live cluster object by object, under the restore's selection, mapping and
 * sanitising rules. The live objects are read by paged lists, type by type, a few types at once, alongside the
 * backup's archives ({@link LivePairs}), with progress every few seconds. "Added" objects are looked for in namespaced types only, in the selected namespaces
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
    private int pageSize = LivePairs.DEFAULT_PAGE_SIZE;

    public DiffRunner(KubernetesClient client, ApiCaller caller, BackupReader reader, ProgressListener progress) {
        this.api = new ObjectApi(client, caller);
        this.reader = reader;
        this.progress = progress;
    }

    /** Lists pages of this many objects (tests of paging). */
    public DiffRunner withPageSize(int size) {
        this.pageSize = size;
        return this;
    }

    public DiffReport run(DiffSpec spec) throws IOException, InterruptedException {
        CheckedSelection checked = CheckedSelection.forComparison(reader, spec.selection(), progress);
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
        List<TypeDiff> parts;
        try (LivePairs pairs = new LivePairs(api, reader, plan, sanitizer, transforms, progress, pageSize);
             ProgressMeter meter = ProgressMeter.start(progress, "diff", "objects compared")) {
            meter.expect(pairs.selected(plan.types()));
            parts = InParallel.map(plan.types(), LivePairs.TYPES_IN_PARALLEL, "k8s-diff-type",
                    type -> diffType(type, spec, plan, sanitizer, comparison, pairs, meter));
            progress.info(meter.line());
        }
        for (TypeDiff part : parts) { // in the plan's order, whichever type finished first
            missing.addAll(part.missing);
            added.addAll(part.added);
            changed.addAll(part.changed);
            noted.addAll(part.noted);
            errors.addAll(part.errors);
            for (int i = 0; i < counts.length; i++) {
                counts[i] += part.counts[i];
            }
        }
        warnings.addAll(transforms.summary().warnings());
        if (counts[0] == 0) {
            errors.add("nothing compared: " + (counts[2] == 0 ? contents.nothingSelected(plan.selection())
                    : "none of the " + counts[2] + " selected objects could be read from the backup"));
        }
        DiffReport report = new DiffReport(reader.name(), spec.selection().mapping().pairs(), counts[0], counts[1], missing, added,
                changed, noted, warnings, errors);
        report.lines().forEach(progress::info);
        progress.info(report.summaryLine());
        return report;
    }

    /** One type's share of the report. */
    private static final class TypeDiff {
        final List<DiffReport.ObjectRef> missing = new ArrayList<>();
        final List<DiffReport.ObjectRef> added = new ArrayList<>();
        final List<DiffReport.ChangedObject> changed = new ArrayList<>();
        final List<DiffReport.NotedObject> noted = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final long[] counts = new long[3]; // compared, identical, selected
    }

    private TypeDiff diffType(ResourceType type, DiffSpec spec, SelectionPlan plan, Sanitizer sanitizer,
                              ObjectComparison comparison, LivePairs pairs, ProgressMeter meter)
            throws IOException, InterruptedException {
        TypeDiff t = new TypeDiff();
        // "added" objects are looked for in namespaced types, unless single objects were selected
        Set<String> addedIn = type.namespaced() && spec.selection().objects().isEmpty() ? plan.targetNamespaces() : Set.of();
        LivePairs.Extras extras = pairs.forType(type, addedIn, live -> !leftToTheCluster(type, live, sanitizer)
                && plan.selection().labelsMatch(live), (d, live, failure) -> {
            t.counts[2]++;
            meter.done(1);
            if (d.error() != null) {
                t.errors.add(d.ref() + ": cannot be read from the backup: " + d.error());
                return;
            }
            t.counts[0]++;
            if (failure != null) {
                t.errors.add(d.ref() + ": cannot be read from the cluster " + ObjectApi.reason(failure));
                return;
            }
            DiffReport.ObjectRef ref = new DiffReport.ObjectRef(type.qualifiedName(), d.namespace(), d.name());
            if (live == null) {
                t.missing.add(ref);
                return;
            }
            List<FieldChange> changes = comparison.changes(type.qualifiedName(), d.object(), live);
            List<PolicyNote> notes = comparison.notes(type.qualifiedName(), d.dropped(), d.object(), live);
            if (!notes.isEmpty()) {
                t.noted.add(new DiffReport.NotedObject(ref.resource(), ref.namespace(), ref.name(), notes));
            }
            if (changes.isEmpty()) {
                t.counts[1]++;
            } else {
                t.changed.add(new DiffReport.ChangedObject(ref.resource(), ref.namespace(), ref.name(), changes));
            }
        });
        extras.found().forEach(e -> t.added.add(new DiffReport.ObjectRef(type.qualifiedName(), e.namespace(), e.name())));
        t.errors.addAll(extras.errors());
        return t;
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
