package io.jenkins.plugins.k8sbackup.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.desired.DesiredObjects;
import io.jenkins.plugins.k8sbackup.desired.FieldChange;
import io.jenkins.plugins.k8sbackup.desired.ObjectComparison;
import io.jenkins.plugins.k8sbackup.desired.PolicyNote;
import io.jenkins.plugins.k8sbackup.desired.Sanitizer;
import io.jenkins.plugins.k8sbackup.desired.LivePairs;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.ObjectApi;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import io.jenkins.plugins.k8sbackup.selection.BackupContents;
import io.jenkins.plugins.k8sbackup.selection.CheckedSelection;
import io.jenkins.plugins.k8sbackup.selection.SelectionPlan;
import io.jenkins.plugins.k8sbackup.util.InParallel;
import io.jenkins.plugins.k8sbackup.util.ProgressMeter;
import io.jenkins.plugins.k8sbackup.transform.Transforms;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import io.jenkins.plugins.k8sbackup.verify.VerifyReport.Outcome;
import io.jenkins.plugins.k8sbackup.verify.VerifyReport.Verdict;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a namespace set against a backup: every selected object exists and matches under the restore's
 * sanitising rules (live objects read by paged lists, a few types at once: {@link LivePairs}) (a difference in labels or annotations only is a warning, anything else a failure);
 * Deployments become available, StatefulSets ready, DaemonSets scheduled, Jobs complete and PVCs Bound
 * within the timeout; and the user's API checks pass within the same timeout. Differences the restore makes on
 * purpose (node ports the cluster assigns) are notes on their row. Comparing no object at all is a failure, and a
 * selection that names namespaces by the names the mapping gives them is refused. The archives are checked first
 * ({@link CheckedSelection}): a damaged one fails the verification and its type is not compared.
 */
public final class VerifyRunner {
    private static final ResourceType ENDPOINTS = new ResourceType("", "v1", "endpoints", "Endpoints", true);

    private final ObjectApi api;
    private final BackupReader reader;
    private final ProgressListener progress;
    private int pageSize = LivePairs.DEFAULT_PAGE_SIZE;

    public VerifyRunner(KubernetesClient client, ApiCaller caller, BackupReader reader, ProgressListener progress) {
        this.api = new ObjectApi(client, caller);
        this.reader = reader;
        this.progress = progress;
    }

    /** Lists pages of this many objects (tests of paging). */
    public VerifyRunner withPageSize(int size) {
        this.pageSize = size;
        return this;
    }

    private record Pending(ResourceType type, String namespace, String name) {}

    public VerifyReport run(VerifySpec spec) throws IOException, InterruptedException {
        CheckedSelection checked = CheckedSelection.forComparison(reader, spec.selection(), progress);
        SelectionPlan plan = checked.plan(); // without the types whose archives are damaged: those fail
        BackupContents contents = checked.contents(reader.name());
        contents.checkNamespaceNames(plan.selection());
        Sanitizer sanitizer = new Sanitizer(spec.preserveNodePorts(), false);
        ObjectComparison comparison = new ObjectComparison(sanitizer);
        Transforms transforms = spec.transforms().compile();
        List<Verdict> objects = new ArrayList<>();
        List<Pending> watch = new ArrayList<>();
        List<String> warnings = new ArrayList<>(checked.integrity().warnings());
        contents.absentNamespaces(plan.selection()).forEach(ns -> warnings.add("namespace " + ns + " is not in backup " + reader.name()));
        checked.integrity().problems().forEach(p -> objects.add(new Verdict(p.resource() == null ? "backup" : p.resource(), null,
                p.key(), "archive-damaged", Outcome.fail, p.kind().label() + ": " + p.detail())));
        List<String> listErrors = new ArrayList<>();
        try (LivePairs pairs = new LivePairs(api, reader, plan, sanitizer, transforms, progress, pageSize);
             ProgressMeter meter = ProgressMeter.start(progress, "verify", "objects compared")) {
            meter.expect(pairs.selected(plan.types()));
            List<TypeVerdicts> parts = InParallel.map(plan.types(), LivePairs.TYPES_IN_PARALLEL, "k8s-verify-type",
                    type -> verifyType(type, comparison, pairs, meter));
            progress.info(meter.line());
            for (TypeVerdicts part : parts) { // in the plan's order, whichever type finished first
                objects.addAll(part.objects);
                watch.addAll(part.watch);
                listErrors.addAll(part.errors);
            }
        }
        progress.info("verify: " + objects.size() + " objects compared; waiting up to " + spec.timeout().toSeconds()
                + "s for " + watch.size() + " workloads/PVCs and " + spec.checks().size() + " checks");
        Map<Object, String> notReady = awaitReady(spec, watch);
        List<Verdict> readiness = new ArrayList<>();
        for (Pending p : watch) {
            String why = notReady.get(p);
            readiness.add(new Verdict(p.type().qualifiedName(), p.namespace(), p.name(), why == null ? "ready" : "not-ready",
                    why == null ? Outcome.ok : Outcome.fail, why));
        }
        List<Verdict> checks = new ArrayList<>();
        for (VerifyCheck c : spec.checks()) {
            String why = notReady.get(c);
            checks.add(new Verdict(c.kind().name(), c.namespace(), c.name(), why == null ? "pass" : "fail",
                    why == null ? Outcome.ok : Outcome.fail, why));
        }
        List<String> errors = new ArrayList<>(listErrors);
        warnings.addAll(transforms.summary().warnings());
        if (objects.isEmpty()) {
            errors.add("nothing compared: " + contents.nothingSelected(plan.selection()));
        } else if (VerifyReport.compared(objects) == 0) {
            errors.add("nothing compared: none of the " + objects.size() + " selected objects could be read");
        }
        boolean failed = !errors.isEmpty()
                || java.util.stream.Stream.of(objects, readiness, checks).flatMap(List::stream).anyMatch(v -> v.outcome() == Outcome.fail);
        boolean warned = !warnings.isEmpty()
                || java.util.stream.Stream.of(objects, readiness, checks).flatMap(List::stream).anyMatch(v -> v.outcome() == Outcome.warn);
        VerifyReport report = new VerifyReport(reader.name(), failed ? RunStatus.Failed
                : warned ? RunStatus.PartiallyFailed : RunStatus.Completed,
                spec.selection().mapping().pairs(), objects, readiness, checks, warnings, errors);
        report.attention().forEach(progress::info);
        warnings.forEach(w -> progress.info("warning: " + w));
        progress.info(report.summaryLine());
        return report;
    }

    /** One type's rows. */
    private record TypeVerdicts(List<Verdict> objects, List<Pending> watch, List<String> errors) {}

    private TypeVerdicts verifyType(ResourceType type, ObjectComparison comparison, LivePairs pairs, ProgressMeter meter)
            throws IOException, InterruptedException {
        TypeVerdicts t = new TypeVerdicts(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<Verdict> objects = t.objects();
        LivePairs.Extras extras = pairs.forType(type, Set.of(), live -> false, (d, live, failure) -> {
            meter.done(1);
            String resource = type.qualifiedName();
            if (d.error() != null) { // damaged in the backup, or a transform failed on it: nothing to prove it by
                objects.add(new Verdict(resource, d.namespace(), d.name(), "unreadable", Outcome.fail,
                        "cannot be read from the backup: " + d.error()));
                return;
            }
            if (failure != null) {
                objects.add(new Verdict(resource, d.namespace(), d.name(), "unreadable", Outcome.fail,
                        "cannot be read from the cluster " + ObjectApi.reason(failure)));
                return;
            }
            if (live == null) {
                objects.add(new Verdict(resource, d.namespace(), d.name(), "missing", Outcome.fail, null));
                return;
            }
            List<FieldChange> changes = comparison.changes(resource, d.object(), live);
            List<String> notes = comparison.notes(resource, d.dropped(), d.object(), live).stream().map(PolicyNote::toString).toList();
            String paths = changes.stream().map(FieldChange::path).distinct().limit(10).collect(Collectors.joining(", "));
            if (changes.isEmpty()) {
                objects.add(new Verdict(resource, d.namespace(), d.name(), "match", Outcome.ok, null, notes));
            } else if (ObjectComparison.touchesSpec(changes)) {
                objects.add(new Verdict(resource, d.namespace(), d.name(), "spec-differs", Outcome.fail, paths, notes));
            } else {
                objects.add(new Verdict(resource, d.namespace(), d.name(), "metadata-differs", Outcome.warn, paths, notes));
            }
            if (Readiness.watched(resource)) {
                t.watch().add(new Pending(type, d.namespace(), d.name()));
            }
        });
        t.errors().addAll(extras.errors()); // what the lists contradicted: a row may be wrong
        return t;
    }

    /** Polls until everything is ready or the timeout passes; returns what is still not ready, and why. */
    private Map<Object, String> awaitReady(VerifySpec spec, List<Pending> watch) throws InterruptedException {
        Instant deadline = Instant.now().plus(spec.timeout());
        Map<Object, String> pending = new LinkedHashMap<>();
        watch.forEach(p -> pending.put(p, "not checked"));
        spec.checks().forEach(c -> pending.put(c, "not checked"));
        while (true) {
            for (Object key : List.copyOf(pending.keySet())) {
                String why = key instanceof Pending p ? workloadState(p) : checkState((VerifyCheck) key);
                if (why == null) {
                    pending.remove(key);
                } else {
                    pending.put(key, why);
                }
            }
            if (pending.isEmpty() || !Instant.now().isBefore(deadline)) {
                break;
            }
            Thread.sleep(Math.min(spec.pollInterval().toMillis(), Math.max(1, java.time.Duration.between(Instant.now(), deadline).toMillis())));
        }
        pending.replaceAll((k, why) -> why + " after " + spec.timeout().toSeconds() + "s");
        return pending;
    }

    private String workloadState(Pending p) throws InterruptedException {
        try {
            JsonNode live = api.get(p.type(), p.namespace(), p.name());
            return live == null ? "missing" : Readiness.notReady(p.type().qualifiedName(), live);
        } catch (KubernetesClientException e) {
            return "cannot be read " + ObjectApi.reason(e);
        }
    }

    private String checkState(VerifyCheck check) throws InterruptedException {
        try {
            JsonNode endpoints = api.get(ENDPOINTS, check.namespace(), check.name());
            if (endpoints == null) {
                return "no Endpoints object";
            }
            for (JsonNode subset : endpoints.path("subsets")) {
                if (!subset.path("addresses").isEmpty()) {
                    return null;
                }
            }
            return "Endpoints has no ready address";
        } catch (KubernetesClientException e) {
            return "cannot be read " + ObjectApi.reason(e);
        }
    }
}
