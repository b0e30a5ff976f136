package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.archive.ObjectRecord;
import io.jenkins.plugins.k8sbackup.desired.DesiredObjects;
import io.jenkins.plugins.k8sbackup.desired.FieldChange;
import io.jenkins.plugins.k8sbackup.desired.ObjectComparison;
import io.jenkins.plugins.k8sbackup.desired.Sanitizer;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.ApiErrors;
import io.jenkins.plugins.k8sbackup.kube.ApiDiscovery;
import io.jenkins.plugins.k8sbackup.kube.ObjectApi;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import io.jenkins.plugins.k8sbackup.hooks.KubernetesPodExecutor;
import io.jenkins.plugins.k8sbackup.hooks.RestoreHookRunner;
import io.jenkins.plugins.k8sbackup.hooks.RestoreHookSpec;
import io.jenkins.plugins.k8sbackup.selection.CheckedSelection;
import io.jenkins.plugins.k8sbackup.selection.NamespaceMapping;
import io.jenkins.plugins.k8sbackup.selection.SelectionPlan;
import io.jenkins.plugins.k8sbackup.transform.TransformSummary;
import io.jenkins.plugins.k8sbackup.transform.Transformed;
import io.jenkins.plugins.k8sbackup.transform.Transforms;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import io.jenkins.plugins.k8sbackup.util.ProgressMeter;
import io.jenkins.plugins.k8sbackup.volumes.VolumeSnapshotRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Restores a backup (or plans it, in a dry-run) in {@link RestoreOrder}: CRDs, then waits until each is
 * Established; Namespaces; dependencies; Services; workloads; the rest; admission webhooks last. Each
 * object is sanitised ({@link Sanitizer}), mapped ({@link NamespaceMapping}), then created; one that exists
 * already goes through the {@link ExistingPolicy}. One bad object (corrupt in the archive, refused by the
 * server) is reported and the rest goes on. Nothing is ever deleted but a selected object under
 * {@link ExistingPolicy#replace}.
 */
public final class RestoreRunner {
    private static final Duration POLL = Duration.ofMillis(250);
    private static final ResourceType CLAIMS = new ResourceType("", "v1", WellKnownTypes.PVCS, "PersistentVolumeClaim", true);

    private final KubernetesClient client;
    private final ApiCaller caller;
    private final BackupReader reader;
    private final ProgressListener progress;

    public RestoreRunner(KubernetesClient client, ApiCaller caller, BackupReader reader, ProgressListener progress) {
        this.client = client;
        this.caller = caller;
        this.reader = reader;
        this.progress = progress;
    }

    public RestoreReport run(RestoreSpec spec) throws IOException, InterruptedException {
        Run run = new Run(spec);
        run.start = Instant.now();
        CheckedSelection checked;
        try (ProgressMeter checking = RestoreMeter.checking(progress)) {
            checked = CheckedSelection.check(reader, spec.selection(), progress);
        }
        SelectionPlan plan = checked.plan();
        run.plan = plan;
        run.owners = new OwnerLinks(run.api, plan);
        if (refusedAsDamaged(run, checked)) {
            RestoreReport refused = run.report(reader.name(), Instant.now());
            progress.info(refused.summaryLine());
            return refused; // before the first write
        }
        plan.unmatchedObjects().forEach(o -> run.errors.add(o + ": not in backup " + reader.name()));
        progress.info("restore of backup " + reader.name() + " into " + client.getMasterUrl()
                + (spec.selection().mapping().pairs().isEmpty() ? "" : " with namespace mapping " + spec.selection().mapping().pairs())
                + ", existing objects: " + spec.existingPolicy() + ", concurrency " + spec.concurrency());
        if (spec.dryRun()) {
            DryRunProbe.Result probe = DryRunProbe.detect(run.api);
            run.mode = probe.mode();
            run.dryRunNote = probe.note();
            progress.info("dry-run: " + probe.note());
        }
        run.served = served();
        try (ProgressMeter meter = RestoreMeter.start(progress, caller, reader.index().values(), plan.types(), plan::wanted)) {
            run.meter = meter;
            try {
                restoreSteps(run, plan);
            } catch (IOException | RuntimeException e) {
                // Objects may have been written: the report must still say which, and why the restore stopped.
                run.stoppedBy = e;
                progress.warn("restore stopped: " + describe(e));
            }
            if (!spec.dryRun() && run.stoppedBy == null) {
                try {
                    runPostRestoreHooks(run);
                } catch (RuntimeException e) {
                    run.errors.add("post-restore hooks did not run to the end: " + describe(e));
                }
            }
        }
        RestoreReport report = run.report(reader.name(), Instant.now());
        progress.info(report.summaryLine());
        return report;
    }

    private void restoreSteps(Run run, SelectionPlan plan) throws IOException, InterruptedException {
        try (BoundedExecutor pool = new BoundedExecutor(run.spec.concurrency(), "k8s-restore")) {
            run.pool = pool;
            for (RestoreOrder.Step step : RestoreOrder.steps(plan.types())) {
                if (step.types().isEmpty()) {
                    continue;
                }
                progress.info("step: " + step.name());
                try {
                    for (ResourceType type : step.types()) {
                        restoreType(run, type);
                    }
                } catch (IOException | RuntimeException e) {
                    pool.awaitAll(); // the writes under way finish and are reported
                    throw e;
                }
                if (step.types().stream().anyMatch(t -> t.qualifiedName().equals(WellKnownTypes.CRDS)) && !run.spec.dryRun()) {
                    waitForCrds(run);
                    run.served = served();
                }
            }
        }
    }

    /** The real cause of a failure, in words: fabric8's own message is often only "An error has occurred.". */
    static String describe(Throwable e) {
        if (e instanceof KubernetesClientException k) {
            return ApiErrors.describe(k);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Whether nothing may be restored: the manifest or index is damaged, or some selected archives are and the spec
     * does not allow a partial restore. Either way the damage is in the report's errors.
     */
    private boolean refusedAsDamaged(Run run, CheckedSelection checked) {
        run.checkWarnings.addAll(checked.integrity().warnings());
        if (checked.intact()) {
            return false;
        }
        run.errors.addAll(checked.problems());
        if (checked.integrity().wholeBackupDamaged()) {
            run.errors.add("nothing restored: the index of backup " + reader.name() + " is damaged, so no object of it can be trusted");
            run.refused = true;
            return true;
        }
        Set<String> damaged = checked.integrity().damagedTypes();
        if (!run.spec.allowPartial()) {
            run.errors.add("nothing restored: the archives of " + damaged.size() + " selected types are damaged (" + String.join(", ", damaged)
                    + "); to restore the other types, allow a partial restore (CLI --allow-partial, step allowPartial: true)");
            run.refused = true;
            return true;
        }
        run.errors.add("not restored, their archives being damaged: " + String.join(", ", damaged)
                + " (partial restore allowed: the other types are restored)");
        return false;
    }

    /**
     * Post-restore exec hooks: the spec's (namespace mapped like the objects') and those declared with Velero's
     * pod annotations (post.hook.restore.velero.io/...) in the namespaces written to, e.g. loading a dump captured
     * at backup time; onError Continue by default.
     */
    private void runPostRestoreHooks(Run run) throws InterruptedException {
        Set<String> namespaces = new java.util.TreeSet<>();
        run.items.stream().filter(i -> i.namespace() != null && i.action() != RestoreAction.FAIL)
                .forEach(i -> namespaces.add(i.namespace()));
        RestoreHookRunner hooks = new RestoreHookRunner(client, caller, new KubernetesPodExecutor(client), reader.artifacts(), progress);
        List<String> problems = new ArrayList<>();
        List<RestoreHookSpec> declared = new ArrayList<>();
        NamespaceMapping mapping = run.plan.selection().mapping();
        run.spec.hooks().forEach(h -> declared.add(h.inNamespace(mapping.target(h.namespace()))));
        declared.addAll(hooks.annotatedHooks(namespaces, problems));
        run.errors.addAll(problems);
        if (declared.isEmpty()) {
            return;
        }
        progress.info("post-restore hooks: " + declared.size());
        RestoreHookRunner.Result result = hooks.run(declared);
        run.hookWarnings.addAll(result.warnings());
        run.errors.addAll(result.errors());
    }

    private Set<String> served() throws InterruptedException {
        Set<String> names = new HashSet<>();
        ApiDiscovery.discover(client, caller).types().forEach(t -> names.add(t.qualifiedName()));
        return names;
    }

    private void restoreType(Run run, ResourceType type) throws IOException, InterruptedException {
        String unserved = unservedReason(run, type);
        Map<RestoreAction, AtomicLong> tally = Collections.synchronizedMap(new EnumMap<>(RestoreAction.class));
        reader.forEach(type.qualifiedName(), r -> run.plan.wanted(type, r), item -> {
            ObjectRecord rec = item.record();
            if (!item.ok()) {
                run.record(type, rec, null, RestoreAction.FAIL, "not restored: " + item.error(), tally);
                return;
            }
            String mismatch = SelectionPlan.mismatch(rec, item.object());
            if (mismatch != null) {
                run.record(type, rec, null, RestoreAction.FAIL, "not restored: " + mismatch, tally);
                return;
            }
            if (!run.plan.wantedObject(type, rec, item.object())) {
                run.meter.expect(-1);
                return;
            }
            if (unserved != null) {
                run.record(type, rec, null, RestoreAction.FAIL, unserved, tally);
                return;
            }
            run.pool.submit(() -> restoreOne(run, type, rec, (ObjectNode) item.object(), tally));
        });
        run.pool.awaitAll();
        if (!tally.isEmpty()) {
            progress.info(String.format("  %-50s %s", type.qualifiedName(), tally.entrySet().stream()
                    .map(e -> e.getValue().get() + " " + e.getKey().label()).collect(Collectors.joining(", "))));
        }
    }

    private String unservedReason(Run run, ResourceType type) {
        String name = type.qualifiedName();
        if (run.crdsNotEstablished.contains(name)) {
            return "its CRD " + name + " did not become Established within " + run.spec.waitTimeout().toSeconds() + "s";
        }
        if (run.served.contains(name) || (run.spec.dryRun() && run.plannedCrds.contains(name))) {
            return null;
        }
        return "resource type " + name + " is not served by the target cluster (its CRD is neither restored nor installed)";
    }

    private void restoreOne(Run run, ResourceType type, ObjectRecord rec, ObjectNode stored, Map<RestoreAction, AtomicLong> tally) {
        String resource = type.qualifiedName();
        String targetNs = run.plan.selection().mapping().target(rec.namespace());
        List<String> notes = new ArrayList<>();
        RestoreAction action;
        try {
            String skip = run.sanitizer.skipReason(resource, stored);
            if (skip != null) {
                run.record(type, rec, targetNs, RestoreAction.SKIP_RULE, skip, tally);
                return;
            }
            if (resource.equals(WellKnownTypes.PVS) && run.snapshots.applies()) {
                String replaced = run.snapshots.replacedVolume(rec.name(), run::claimRestored, run.plan.selection().mapping()::target);
                if (replaced != null) {
                    run.record(type, rec, targetNs, RestoreAction.SKIP_RULE, replaced, tally);
                    return;
                }
            }
            Transformed transformed = run.transforms.apply(resource, rec.namespace(),
                    DesiredObjects.desiredForm(resource, stored, run.sanitizer, run.plan.selection().mapping()));
            if (transformed.excluded()) {
                run.record(type, rec, targetNs, RestoreAction.SKIP_RULE, transformed.exclusionReason(), tally);
                return;
            }
            ObjectNode desired = transformed.object();
            notes.addAll(run.owners.apply(desired, rec.namespace(), targetNs));
            if (resource.equals(WellKnownTypes.PVCS) && desired.path("spec").hasNonNull("volumeName")
                    && !run.restoredPvs.contains(desired.path("spec").path("volumeName").asText())) {
                notes.add("volumeName " + desired.path("spec").path("volumeName").asText()
                        + " dropped: that PV is not part of this restore, the claim binds afresh");
                Sanitizer.dropVolumeBinding(desired);
            }
            if (resource.equals(WellKnownTypes.PVCS) && run.snapshots.applies()) {
                String note = run.snapshots.apply(stored, targetNs, desired);
                if (note != null) {
                    notes.add(note);
                }
            }
            Outcome outcome = write(run, type, targetNs, desired, stored, run.plan.dependency(type, rec));
            action = outcome.action();
            if (outcome.message() != null) {
                notes.add(0, outcome.message());
            }
            String targetName = desired.path("metadata").path("name").asText();
            if (action != RestoreAction.FAIL) {
                // a differing live PV is someone else's volume (e.g. prod's, seen from a clone): never bind to it
                if (resource.equals(WellKnownTypes.PVS) && action != RestoreAction.SKIP_DIFFERS) {
                    run.restoredPvs.add(targetName);
                } else if (resource.equals(WellKnownTypes.CRDS)) {
                    run.crdsToWaitFor.add(targetName);
                }
            }
            if (action == RestoreAction.CREATE && resource.equals(WellKnownTypes.NAMESPACES)) {
                run.plannedNamespaces.add(targetName);
            } else if (action == RestoreAction.CREATE && resource.equals(WellKnownTypes.CRDS)) {
                run.plannedCrds.add(targetName);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            action = RestoreAction.FAIL;
            notes.add(0, "interrupted");
        } catch (RuntimeException e) {
            action = RestoreAction.FAIL;
            notes.add(0, describe(e));
        }
        run.record(type, rec, targetNs, action, notes.isEmpty() ? null : String.join("; ", notes), tally);
    }

    private record Outcome(RestoreAction action, String message) {}

    private Outcome write(Run run, ResourceType type, String ns, ObjectNode desired, ObjectNode stored, boolean dependency)
            throws InterruptedException {
        String name = desired.path("metadata").path("name").asText();
        boolean dryRun = run.spec.dryRun();
        if (dryRun && run.mode == DryRunMode.client) {
            JsonNode live = run.api.get(type, ns, name);
            return live == null ? new Outcome(RestoreAction.CREATE, null) : existing(run, type, ns, desired, live, dependency);
        }
        try {
            if (!dryRun && run.spec.restoreStatus() && stored.has("status")) {
                if (run.api.createAndRead(type, ns, desired, false) instanceof ObjectNode c) {
                    c.set("status", stored.get("status"));
                    run.api.updateStatus(type, ns, c);
                }
            } else {
                run.api.create(type, ns, desired, dryRun);
            }
            return new Outcome(RestoreAction.CREATE, null);
        } catch (KubernetesClientException e) {
            // An API server admits a create before it finds the object exists: a webhook it cannot call, a full
            // quota or a policy refuse a create that would have been a 409. What exists is judged like a 409.
            JsonNode live = liveAfterRefusedCreate(run, type, ns, name, e);
            if (live != null) {
                return existing(run, type, ns, desired, live, dependency);
            }
            if (dryRun && e.getCode() == 404 && (run.plannedNamespaces.contains(ns) || run.plannedCrds.contains(type.qualifiedName()))) {
                return new Outcome(RestoreAction.CREATE, "checked client-side only: its namespace or CRD is created by this restore");
            }
            throw e;
        }
    }

    /** The live object a refused create names, or null (when it does not exist, or cannot be read either). */
    private static JsonNode liveAfterRefusedCreate(Run run, ResourceType type, String ns, String name, KubernetesClientException refusal)
            throws InterruptedException {
        try {
            return run.api.get(type, ns, name);
        } catch (KubernetesClientException e) {
            if (refusal.getCode() == 409) {
                throw e;
            }
            return null; // the refusal is the better answer
        }
    }

    private Outcome existing(Run run, ResourceType type, String ns, ObjectNode desired, JsonNode live, boolean dependency)
            throws InterruptedException {
        if (dependency) {
            return new Outcome(RestoreAction.SKIP_EXISTS, null);
        }
        ExistingPolicy policy = run.spec.existingPolicy();
        if (policy == ExistingPolicy.fail) {
            return new Outcome(RestoreAction.FAIL, "already exists (--existing fail)");
        }
        String resource = type.qualifiedName();
        List<FieldChange> changes = run.comparison.changes(resource, desired, live);
        if (changes.isEmpty()) {
            return new Outcome(RestoreAction.SKIP_IDENTICAL, null);
        }
        String paths = changes.stream().map(FieldChange::path).distinct().limit(10).collect(Collectors.joining(", "))
                + (changes.size() > 10 ? ", ..." : "");
        String name = desired.path("metadata").path("name").asText();
        boolean serverDryRun = run.spec.dryRun() && run.mode == DryRunMode.server;
        boolean write = !run.spec.dryRun() || serverDryRun;
        switch (policy) {
            case update -> {
                JsonNode[] sides = run.comparison.comparable(resource, desired, live);
                if (write) {
                    run.api.mergePatch(type, ns, name, MergePatch.between(sides[1], sides[0]), run.spec.dryRun());
                }
                return new Outcome(RestoreAction.UPDATE, "patched towards the backup at " + paths);
            }
            case replace -> {
                if (write) {
                    run.api.delete(type, ns, name, run.spec.dryRun());
                }
                if (!run.spec.dryRun()) {
                    awaitDeleted(run, type, ns, name);
                    run.api.create(type, ns, desired, false);
                }
                return new Outcome(RestoreAction.REPLACE, "replaced, it differed at " + paths);
            }
            default -> {
                return new Outcome(RestoreAction.SKIP_DIFFERS, "exists and differs from the backup at " + paths
                        + " (left as it is: --existing skip)");
            }
        }
    }

    private void awaitDeleted(Run run, ResourceType type, String ns, String name) throws InterruptedException {
        Instant deadline = Instant.now().plus(run.spec.waitTimeout());
        // not closed when this throws: the wait then ends with the meter, at the end of the restore
        ProgressMeter.Waiting waiting = run.meter.waitingFor(type.qualifiedName() + " " + (ns == null ? "" : ns + "/") + name
                + " to be deleted before it is recreated");
        while (run.api.get(type, ns, name) != null) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("still present " + run.spec.waitTimeout().toSeconds()
                        + "s after its deletion (finalizers?): not recreated");
            }
            Thread.sleep(POLL.toMillis());
        }
        waiting.close();
    }

    private void waitForCrds(Run run) throws InterruptedException {
        ResourceType crdType = new ResourceType("apiextensions.k8s.io", "v1", "customresourcedefinitions",
                "CustomResourceDefinition", false);
        Instant deadline = Instant.now().plus(run.spec.waitTimeout());
        Set<String> pending = new HashSet<>(run.crdsToWaitFor);
        ProgressMeter.Waiting waiting = run.meter.waitingFor(pending.size() + " CRDs to become Established (at most "
                + run.spec.waitTimeout().toSeconds() + "s)");
        while (!pending.isEmpty()) {
            for (String name : List.copyOf(pending)) {
                JsonNode crd = run.api.get(crdType, null, name);
                if (crd != null && established(crd)) {
                    pending.remove(name);
                }
            }
            if (pending.isEmpty() || Instant.now().isAfter(deadline)) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        waiting.close();
        if (!pending.isEmpty()) {
            for (String name : pending) {
                run.crdsNotEstablished.add(name);
                run.errors.add("CRD " + name + " did not become Established within " + run.spec.waitTimeout().toSeconds()
                        + "s: its custom resources are not restored");
            }
        } else if (!run.crdsToWaitFor.isEmpty()) {
            progress.info("  " + run.crdsToWaitFor.size() + " CRDs Established");
        }
    }

    static boolean established(JsonNode crd) {
        for (JsonNode c : crd.path("status").path("conditions")) {
            if ("Established".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    /** State of one restore, shared by the workers. */
    private final class Run {
        final RestoreSpec spec;
        final ObjectApi api = new ObjectApi(client, caller);
        final Sanitizer sanitizer;
        final SnapshotProvisioning snapshots;
        final ObjectComparison comparison;
        final Transforms transforms;
        SelectionPlan plan;
        OwnerLinks owners;
        BoundedExecutor pool;
        ProgressMeter meter;
        DryRunMode mode;
        String dryRunNote;
        Instant start;
        volatile Set<String> served = Set.of();
        final Set<String> restoredPvs = ConcurrentHashMap.newKeySet();
        final Set<String> plannedNamespaces = ConcurrentHashMap.newKeySet();
        final Set<String> plannedCrds = ConcurrentHashMap.newKeySet();
        final Set<String> crdsToWaitFor = ConcurrentHashMap.newKeySet();
        final Set<String> crdsNotEstablished = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedQueue<RestoreItem> items = new ConcurrentLinkedQueue<>();
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final List<String> hookWarnings = new ArrayList<>();
        /** What ended the restore before it was done, if anything did. */
        Throwable stoppedBy;
        final List<String> checkWarnings = new ArrayList<>();
        /** Nothing was restored because the backup is damaged. */
        boolean refused;
        /** Objects restored (or left, as identical or by policy) that the selection names, not dependencies. */
        final AtomicLong selectedSucceeded = new AtomicLong();

        Run(RestoreSpec spec) {
            this.spec = spec;
            this.sanitizer = new Sanitizer(spec.preserveNodePorts(), spec.restoreStatus());
            this.snapshots = new SnapshotProvisioning(api, reader.manifest().volumeSnapshots(), spec.dryRun());
            this.comparison = new ObjectComparison(sanitizer);
            this.transforms = spec.transforms().compile();
        }

        /** Whether the restore selects the claim a snapshot was taken of (label selectors are not known here). */
        boolean claimRestored(VolumeSnapshotRecord r) {
            return plan.wanted(CLAIMS, new ObjectRecord(null, WellKnownTypes.PVCS, "v1", "PersistentVolumeClaim", r.namespace(),
                    r.pvcName(), null, 0, false));
        }

        void record(ResourceType type, ObjectRecord rec, String targetNs, RestoreAction action, String message,
                    Map<RestoreAction, AtomicLong> tally) {
            String name = type.qualifiedName().equals(WellKnownTypes.NAMESPACES) ? plan.selection().mapping().target(rec.name()) : rec.name();
            String ns = targetNs != null ? targetNs : plan.selection().mapping().target(rec.namespace());
            items.add(new RestoreItem(type.qualifiedName(), ns, name, rec.namespace(), action, message));
            tally.computeIfAbsent(action, a -> new AtomicLong()).incrementAndGet();
            meter.done(1);
            if (action != RestoreAction.FAIL && !plan.dependency(type, rec)) {
                selectedSucceeded.incrementAndGet();
            }
        }

        RestoreReport report(String backupName, Instant end) {
            List<RestoreItem> sorted = new ArrayList<>(items);
            sorted.sort(Comparator.comparing(RestoreItem::resource).thenComparing(i -> i.namespace() == null ? "" : i.namespace())
                    .thenComparing(RestoreItem::name));
            long created = 0, updated = 0, replaced = 0, skipped = 0, failed = 0;
            List<String> warnings = new ArrayList<>(checkWarnings);
            warnings.addAll(hookWarnings);
            TransformSummary transformed = transforms.summary();
            if (!refused) { // a refused restore looked at no object: its rules matching none says nothing
                warnings.addAll(transformed.warnings());
            }
            List<String> errs = new ArrayList<>(errors);
            for (RestoreItem i : sorted) {
                switch (i.action()) {
                    case CREATE -> created++;
                    case UPDATE -> updated++;
                    case REPLACE -> replaced++;
                    case FAIL -> failed++;
                    default -> skipped++;
                }
                if (i.action() == RestoreAction.FAIL) {
                    errs.add(i.ref() + ": " + i.message());
                } else if (i.message() != null && i.action() != RestoreAction.SKIP_RULE) {
                    warnings.add(i.ref() + ": " + i.message());
                }
            }
            if (sorted.isEmpty() && !refused && stoppedBy == null) {
                errs.add("the selection matches no object of backup " + backupName + ": " + contents());
            }
            if (stoppedBy != null) {
                errs.add("the restore stopped before it was done: " + describe(stoppedBy)
                        + " (the items above are what it did until then)");
            }
            // dependencies created for objects that then failed are no success: a single object that failed is Failed
            RunStatus status = stoppedBy != null ? RunStatus.Failed : errs.isEmpty() ? RunStatus.Completed
                    : selectedSucceeded.get() > 0 ? RunStatus.PartiallyFailed : RunStatus.Failed;
            return new RestoreReport(backupName, status, spec.dryRun(), mode, dryRunNote, spec.selection().mapping().pairs(),
                    spec.existingPolicy().name(), start, end, new RestoreReport.Counts(created, updated, replaced, skipped, failed),
                    List.copyOf(sorted), List.copyOf(warnings), List.copyOf(errs), transformed);
        }

        private String contents() {
            try {
                return reader.contents();
            } catch (IOException e) {
                return "its contents cannot be listed (" + e.getMessage() + ")";
            }
        }
    }
}
