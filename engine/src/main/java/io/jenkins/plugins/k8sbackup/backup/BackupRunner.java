package io.jenkins.plugins.k8sbackup.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.archive.ArchivePaths;
import io.jenkins.plugins.k8sbackup.archive.ArchiveSealing;
import io.jenkins.plugins.k8sbackup.archive.EntryBinding;
import io.jenkins.plugins.k8sbackup.archive.IndexWriter;
import io.jenkins.plugins.k8sbackup.archive.ObjectRecord;
import io.jenkins.plugins.k8sbackup.archive.StoredManifest;
import io.jenkins.plugins.k8sbackup.archive.TypeArchiveWriter;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupLease;
import io.jenkins.plugins.k8sbackup.catalog.BackupLocks;
import io.jenkins.plugins.k8sbackup.catalog.BackupSeries;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.catalog.LeaseTimes;
import io.jenkins.plugins.k8sbackup.catalog.Pruning;
import io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy;
import io.jenkins.plugins.k8sbackup.crypto.ObjectDigest;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.hooks.BackupHookRunner;
import io.jenkins.plugins.k8sbackup.hooks.HookFailure;
import io.jenkins.plugins.k8sbackup.hooks.HookPhase;
import io.jenkins.plugins.k8sbackup.hooks.KubernetesPodExecutor;
import io.jenkins.plugins.k8sbackup.hooks.OnError;
import io.jenkins.plugins.k8sbackup.hooks.PodExecutor;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.ApiDiscovery;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import io.jenkins.plugins.k8sbackup.selection.BackupScope;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.DaemonThreads;
import io.jenkins.plugins.k8sbackup.util.Futures;
import io.jenkins.plugins.k8sbackup.util.InParallel;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import io.jenkins.plugins.k8sbackup.volumes.CapturedClaim;
import io.jenkins.plugins.k8sbackup.volumes.SnapshotApi;
import io.jenkins.plugins.k8sbackup.volumes.SnapshotRetention;
import io.jenkins.plugins.k8sbackup.volumes.VolumeSnapshotRecord;
import io.jenkins.plugins.k8sbackup.volumes.VolumeSnapshotter;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Takes one backup: discovers the types, lists each one page by page, stores every object in its type's
 * tar+zstd archive while streaming the index, and writes the manifest last. Memory holds one page, not the
 * backup. A storage failure aborts everything written so far, so no half backup looks complete.
 */
public final class BackupRunner {
    /** Namespaced types listed at once; each also keeps one page in flight. */
    static final int TYPES_IN_PARALLEL = 4;
    /** Index records a type hands over at once: the index is shared by the types listed in parallel. */
    private static final int INDEX_BATCH = 256;
    /**
     * 429 answers in one backup from which on throttling is recorded as a degradation: each was retried after a
     * backoff, so the backup is complete, but it took longer and its objects were read further apart in time.
     */
    static final int THROTTLED_THRESHOLD = 10;
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final ApiCaller caller;
    private final BackupStorage storage;
    private final Optional<EncryptionKey> key;
    private final ProgressListener progress;
    private final Clock clock;
    private PodExecutor executor;
    private LeaseTimes leaseTimes = LeaseTimes.DEFAULT;

    public BackupRunner(KubernetesClient client, ApiCaller caller, BackupStorage storage, Optional<EncryptionKey> key,
                        ProgressListener progress, Clock clock) {
        this.client = client;
        this.caller = caller;
        this.storage = storage;
        this.key = key;
        this.progress = progress;
        this.clock = clock;
        this.executor = new KubernetesPodExecutor(client);
    }

    /** Runs hooks through another exec transport (tests; a proxy). */
    public BackupRunner withPodExecutor(PodExecutor podExecutor) {
        this.executor = podExecutor;
        return this;
    }

    /** Leases that expire sooner (tests of stale leases and takeovers). */
    public BackupRunner withLeaseTimes(LeaseTimes times) {
        this.leaseTimes = times;
        return this;
    }

    /**
     * Claims the name, takes the backup, publishes its manifest, then applies {@code retention} (null: none).
     *
     * @throws io.jenkins.plugins.k8sbackup.catalog.BackupNameTakenException a complete backup has the name
     * @throws io.jenkins.plugins.k8sbackup.catalog.BackupInUseException     another run is writing or deleting it
     * @throws io.jenkins.plugins.k8sbackup.catalog.LeaseLostException the name was deleted or taken over while this run wrote it: nothing was published
     */
    public BackupResult run(BackupSpec spec, RetentionPolicy retention) throws IOException, InterruptedException {
        Instant start = clock.instant();
        String name = BackupCatalog.checkName(spec.name() != null && !spec.name().isBlank() ? spec.name()
                : "backup-" + NAME_TIME.format(start));
        if (spec.encryption() != BackupSpec.EncryptionMode.none && key.isEmpty()) {
            throw new IllegalArgumentException("encryption '" + spec.encryption() + "' needs an encryption key");
        }
        BackupCatalog catalog = new BackupCatalog(storage, BackupKind.KUBERNETES,
                new BackupLocks(storage, BackupKind.KUBERNETES, clock, leaseTimes, progress));
        // Before anything is stored: of two runs with the same name only one gets it, and a delete waits for it.
        try (BackupLease claim = catalog.locks().claim(name, "backup")) {
            // a passphrase gets a fresh salt: the backup's own key, recorded in its manifest
            Optional<EncryptionKey> backupKey = spec.encryption() == BackupSpec.EncryptionMode.none ? Optional.empty()
                    : key.map(EncryptionKey::forNewBackup);
            return run(spec, retention == null ? new RetentionPolicy(null, null) : retention, name, start, catalog, claim,
                    backupKey);
        }
    }

    private BackupResult run(BackupSpec spec, RetentionPolicy retention, String name, Instant start, BackupCatalog catalog,
                             BackupLease claim, Optional<EncryptionKey> key) throws IOException, InterruptedException {
        Run run = new Run(name, spec, start, key);
        long throttledBefore = caller.throttledResponses();
        // each list keeps one page in flight, and up to TYPES_IN_PARALLEL lists run at once
        ExecutorService prefetch = Executors.newFixedThreadPool(2 * TYPES_IN_PARALLEL, DaemonThreads.named("k8s-backup-list"));
        BackupHookRunner hooks = new BackupHookRunner(client, caller, executor, storage, progress);
        BackupManifest.ClusterInfo cluster;
        ApiDiscovery.Result discovery;
        try {
            // Discovery takes a round trip per API group: it runs while the cluster is identified, the namespaces
            // are read and the hooks are bound to their pods.
            CompletableFuture<ApiDiscovery.Result> discovering = CompletableFuture.supplyAsync(() -> {
                try {
                    return ApiDiscovery.discover(client, caller);
                } catch (InterruptedException e) {
                    throw new CompletionException(e);
                }
            }, prefetch);
            String version = serverVersion();
            // one list both selects the namespaces and identifies the cluster (by kube-system's uid)
            List<Namespace> allNamespaces = caller.call(() -> client.namespaces().list()).getItems();
            cluster = new BackupManifest.ClusterInfo(client.getMasterUrl().toString(), version, kubeSystemUid(allNamespaces));
            progress.info("cluster " + cluster.server() + " (Kubernetes " + cluster.serverVersion() + ")");
            run.scope = BackupScope.of(spec.selection(), allNamespaces.stream().map(ns -> ns.getMetadata().getName()).toList(),
                    run::warn);
            run.hooks = hooks.resolve(spec.hooks(), run.scope.namespaces(), spec.selection().labelSelector());
            discovery = Futures.awaitUnchecked(discovering);
        } catch (KubernetesClientException e) {
            prefetch.shutdownNow();
            throw new KubernetesUnavailableException("cannot discover the API of " + client.getMasterUrl() + ": "
                    + KubernetesUnavailableException.reason(e), e);
        } catch (KubernetesUnavailableException | InterruptedException | RuntimeException e) {
            prefetch.shutdownNow();
            throw e;
        }
        discovery.warnings().forEach(run::warn);
        discovery.failures().forEach(run::discoveryFailed);

        boolean published = false;
        VolumeSnapshotter snapshotter = new VolumeSnapshotter(client, caller, progress);
        // Hook output can be as sensitive as a Secret (a database dump): encrypted whenever encryption is on.
        Optional<EncryptionKey> artifactKey = spec.encryption() == BackupSpec.EncryptionMode.none ? Optional.empty() : key;
        try (IndexWriter index = new IndexWriter(storage.create(BackupKind.KUBERNETES.keyOf(name, ArchivePaths.INDEX)))) {
            run.lister = new PagedLister(client, caller, prefetch, progress);
            run.index = index;
            List<ResourceType> clusterScoped = discovery.types().stream().filter(t -> !t.namespaced()).toList();
            noteNeverBackedUp(run, discovery.types());
            hooks.run(HookPhase.pre, run.hooks, name, artifactKey);
            List<ResourceType> selected = run.scope.namespacedTypes(discovery.types());
            if (!selected.isEmpty()) {
                // what the rebuild rules look at (owners, Services) is captured before the types they judge
                backupInParallel(run, selected.stream().filter(t -> !RebuiltObjects.judges(t)).toList());
                backupInParallel(run, selected.stream().filter(RebuiltObjects::judges).toList());
            }
            for (ResourceType type : clusterScoped) {
                if (run.scope.takesClusterType(type)) {
                    backupType(run, type);
                }
            }
            if (spec.snapshotVolumes()) {
                boolean served = discovery.types().stream().anyMatch(t -> t.qualifiedName().equals(SnapshotApi.SNAPSHOTS_RESOURCE));
                run.snapshots = snapshotter.create(name, run.claims, spec.volumeSnapshotSettings(), served);
                snapshotter.awaitCut(run.snapshots);
            }
            run.postHooksRan = true;
            hooks.run(HookPhase.post, run.hooks, name, artifactKey);
            if (run.snapshots != null) {
                snapshotter.awaitReady(run.snapshots);
            }
            run.recordHooksAndSnapshots();
            run.throttled(caller.throttledResponses() - throttledBefore);
            TypeArchiveWriter.StoredFile indexFile = index.finish();
            BackupSeries series = retention.seriesOf(cluster.identity(), spec.labels());
            BackupManifest manifest = run.manifest(cluster, indexFile, clock.instant(), key, retention.expiresAt(start), series);
            // the encrypting key also authenticates it (MAC first); the manifest goes through the name's claim
            StoredManifest.write(storage, name, manifest, artifactKey, claim::publish);
            published = true;
            Pruning pruning = new Pruning(catalog, progress);
            pruning.apply(retention, name, series, clock.instant(), doomed -> () -> snapshotsDeleted(catalog, pruning, doomed));
            List<String> warnings = new ArrayList<>(run.warnings);
            warnings.addAll(pruning.warnings());
            BackupResult result = new BackupResult(name, manifest.status(), storage.describe() + " " + name,
                    manifest.objectCount(), manifest.totalBytes(), run.counts, warnings, run.errors, pruning.deleted().size(),
                    manifest.skipped(), manifest.degradations());
            progress.info(result.summaryLine());
            return result;
        } finally {
            prefetch.shutdownNow();
            if (!published) {
                undoQuietly(run, hooks, artifactKey);
                discardQuietly(name, claim);
            }
        }
    }

    /**
     * Namespaced types, a few at a time: a type's list waits on the API server most of the time, and the
     * cluster-scoped types that follow only need to know what these captured.
     */
    private void backupInParallel(Run run, List<ResourceType> types) throws IOException, InterruptedException {
        // a failure cancels the other lists; their half-written archives are aborted before the backup is discarded
        InParallel.map(types, TYPES_IN_PARALLEL, "k8s-backup-type", type -> {
            backupType(run, type);
            return null;
        });
    }

    /** A backup that fails midway must not leave the application frozen, nor snapshots nobody will prune. */
    private void undoQuietly(Run run, BackupHookRunner hooks, Optional<EncryptionKey> artifactKey) {
        try {
            if (run.hooks != null && !run.postHooksRan) {
                run.postHooksRan = true;
                hooks.run(HookPhase.post, run.hooks, run.name, artifactKey);
            }
            if (run.snapshots != null) {
                new SnapshotRetention(client, caller).deleteSnapshotsOf(Json.MAPPER.valueToTree(
                        Map.of("volumeSnapshots", run.snapshots.records())));
            }
        } catch (IOException | RuntimeException e) {
            progress.warn("cleaning up after the failed backup " + run.name + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes what a failed run stored, unless its name is no longer its own (then it belongs to another run). */
    private void discardQuietly(String name, BackupLease claim) {
        if (!claim.stillHeld()) {
            progress.warn("left the parts of the failed backup " + name + " alone: its name is no longer this run's");
            return;
        }
        try {
            storage.deletePrefix(BackupKind.KUBERNETES.prefixOf(name));
        } catch (IOException | RuntimeException e) {
            progress.warn("could not remove the parts of the failed backup " + name + ": " + e.getMessage()
                    + " (it has no manifest, so it is listed as incomplete and never restored)");
        }
    }

    /** The first request of a backup: an unreachable or misconfigured cluster fails here, clearly. */
    private String serverVersion() throws InterruptedException, KubernetesUnavailableException {
        try {
            return caller.call(() -> client.getKubernetesVersion()).getGitVersion();
        } catch (KubernetesClientException e) {
            throw new KubernetesUnavailableException("cannot reach the Kubernetes API at " + client.getMasterUrl() + ": "
                    + KubernetesUnavailableException.reason(e), e);
        }
    }

    private String kubeSystemUid(List<Namespace> all) {
        for (Namespace ns : all) {
            if (ns.getMetadata().getName().equals("kube-system")) {
                return ns.getMetadata().getUid();
            }
        }
        progress.warn("the cluster has no namespace kube-system; its identity is not recorded");
        return null;
    }

    /** Types a fixed rule never backs up, which the selection would otherwise have taken: recorded as skipped. */
    private void noteNeverBackedUp(Run run, List<ResourceType> served) {
        for (ResourceType type : served) {
            String reason = run.scope.neverBackedUp(type);
            if (reason != null) {
                run.skipped.add(new BackupManifest.Skipped(type.qualifiedName(), null, "never backed up: " + reason));
            }
        }
    }

    private void backupType(Run run, ResourceType type) throws IOException, InterruptedException {
        String archiveKey = BackupKind.KUBERNETES.keyOf(run.name, ArchivePaths.typeArchive(type.qualifiedName()));
        String selector = run.scope.labelSelectorFor(type);
        long[] count = {0};
        TypeArchiveWriter[] archive = {null}; // opened on the first accepted object: empty types store nothing
        StoredJson stored = new StoredJson(type.apiVersion(), type.kind());
        List<ObjectRecord> indexed = new ArrayList<>(INDEX_BATCH);
        boolean claims = type.qualifiedName().equals(WellKnownTypes.PVCS); // their spec names volumes to snapshot
        boolean keepSpec = claims || RebuiltObjects.readsSpec(type);
        int restarts = 0;
        try {
            for (String scope : listScopes(run, type)) {
                restarts += run.lister.list(type, scope, selector, run.spec.pageSize(), keepSpec, (item, raw) -> {
                    if (!accept(run, type, item)) {
                        return;
                    }
                    if (archive[0] == null) {
                        archive[0] = new TypeArchiveWriter(storage.create(archiveKey), run.start,
                                run.spec.encryption().encrypts(type.qualifiedName()) ? ArchiveSealing.of(run.binding,
                                        run.key.orElseThrow(), type.qualifiedName(), ArchivePaths.typeArchive(type.qualifiedName())) : null);
                        if (type.namespaced() && type.isCustom()) {
                            synchronized (run) {
                                run.capturedTypes.add(type.plural() + "." + type.group()); // its CRD comes along
                            }
                        }
                    }
                    indexed.add(store(run, type, claims, item, stored.of(raw, item), archive[0]));
                    run.rebuilt.captured(type, item);
                    count[0]++;
                    if (indexed.size() == INDEX_BATCH) {
                        run.index.addAll(indexed);
                        indexed.clear();
                    }
                });
            }
            run.index.addAll(indexed);
            if (restarts > 0) {
                run.degrade(new BackupManifest.Degradation(BackupManifest.DegradationKind.ListRestarted, type.qualifiedName(),
                        "the list was restarted " + restarts + " time(s) after 410 Gone (its continue token expired), each time"
                                + " after the last object read: its objects were read at more than one point in time", false));
            }
            if (archive[0] != null) {
                TypeArchiveWriter.StoredFile file = archive[0].finish();
                synchronized (run) {
                    run.types.add(new BackupManifest.TypeSummary(type.qualifiedName(), type.apiVersion(), type.kind(),
                            type.namespaced(), count[0], ArchivePaths.typeArchive(type.qualifiedName()), file.size(), file.sha256()));
                    run.counts.put(type.qualifiedName(), count[0]);
                    run.totalBytes += file.size();
                }
                progress.info(String.format("  %-50s %6d objects %10s", type.qualifiedName(), count[0],
                        io.jenkins.plugins.k8sbackup.util.Bytes.human(file.size())));
            }
        } catch (KubernetesClientException e) {
            synchronized (run) {
                run.errors.add(new BackupManifest.ItemError(type.qualifiedName(), null, null,
                        "cannot list (" + e.getCode() + "): " + KubernetesUnavailableException.reason(e)));
            }
            progress.warn("cannot list " + type + ": " + KubernetesUnavailableException.reason(e));
        } catch (IOException | RuntimeException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            if (archive[0] != null) {
                archive[0].close(); // aborts an archive a failed list left half-written; a no-op after finish()
            }
        }
    }

    /** Per-namespace lists when the selection names a few namespaces, one cluster-wide list otherwise. */
    private static List<String> listScopes(Run run, ResourceType type) {
        List<String> scopes = new ArrayList<>();
        if (type.namespaced() && !run.scope.wholeCluster() && run.scope.namespaces().size() <= 20) {
            scopes.addAll(run.scope.namespaces());
        } else {
            scopes.add(null);
        }
        return scopes;
    }

    private static boolean accept(Run run, ResourceType type, JsonNode o) {
        if (type.namespaced()) {
            if (!run.scope.namespaces().contains(o.path("metadata").path("namespace").asText())) {
                return false;
            }
            if (type.qualifiedName().equals(SnapshotApi.SNAPSHOTS_RESOURCE)
                    && o.path("metadata").path("labels").has(SnapshotApi.BACKUP_LABEL)) {
                return false; // a snapshot taken by an earlier backup belongs to that backup, not to the workload
            }
            return run.rebuilt.skip(type, o) == null;
        }
        return run.scope.takesClusterObject(type, o.path("metadata").path("name").asText(), run.capturedTypes, run.boundVolumes);
    }

    /**
     * {@code json}: the object's stored form (see {@link StoredJson}), {@code o}: the object as listed, {@code claim}:
     * whether it is a PVC (its volume and spec are noted for snapshots and the PVs to capture). Returns its
     * index record, which the caller hands to the shared index a batch at a time (one lock for many objects).
     */
    private ObjectRecord store(Run run, ResourceType type, boolean claim, ObjectNode o, byte[] json, TypeArchiveWriter archive)
            throws IOException {
        // list items carry no apiVersion/kind of their own
        String apiVersion = o.path("apiVersion").asText(type.apiVersion());
        String kind = o.path("kind").asText(type.kind());
        // the archive it goes to is encrypted as a whole, after compression (format 3)
        boolean encrypt = run.spec.encryption().encrypts(type.qualifiedName());
        String ns = type.namespaced() ? o.path("metadata").path("namespace").asText() : null;
        String name = o.path("metadata").path("name").asText();
        String path = ArchivePaths.entryPath(type.qualifiedName(), ns, name, encrypt);
        TypeArchiveWriter.Placement at = archive.add(path, json);
        ObjectRecord record = new ObjectRecord(path, type.qualifiedName(), apiVersion, kind, ns, name,
                encrypt ? run.objectDigest.orElseThrow().hex(json) : Sha256.hex(json), json.length, encrypt,
                at.frameOffset(), at.frameSegment());
        if (encrypt || claim) {
            synchronized (run) { // types are backed up in parallel
                if (encrypt) {
                    run.encryptedObjects++;
                }
                if (claim) {
                    String volume = o.path("spec").path("volumeName").asText("");
                    if (!volume.isEmpty()) {
                        run.boundVolumes.add(volume);
                    }
                    run.claims.add(CapturedClaim.of(ns, name, o.path("spec")));
                }
            }
        }
        return record;
    }

    /**
     * Retention's last step before deleting a backup: its volume snapshots. A backup whose snapshots could not all be
     * deleted is kept, as the only record of them, for the next run to try again.
     */
    private boolean snapshotsDeleted(BackupCatalog catalog, Pruning pruning, String doomed)
            throws IOException, InterruptedException {
        Optional<JsonNode> manifest = catalog.manifestJson(doomed);
        if (manifest.isEmpty() || manifest.get().path("volumeSnapshots").size() == 0) {
            return true;
        }
        SnapshotRetention.Result snapshots = new SnapshotRetention(client, caller).deleteSnapshotsOf(manifest.get());
        if (!snapshots.complete()) {
            pruning.warn("retention: kept backup " + doomed + ", its volume snapshots could not all be deleted: "
                    + String.join("; ", snapshots.failures()));
            return false;
        }
        progress.info("retention: deleted " + snapshots.deleted() + " volume snapshots of backup " + doomed);
        return true;
    }

    /** State of one run. */
    private static final class Run {
        final String name;
        final BackupSpec spec;
        final Instant start;
        /** Random: bound with the name into every encrypted entry, so no entry fits another backup. */
        final String backupId = java.util.UUID.randomUUID().toString();
        final EntryBinding binding;
        BackupScope scope;
        /** This backup's key (for a passphrase, derived with the backup's own salt). */
        final Optional<EncryptionKey> key;
        final Optional<ObjectDigest> objectDigest;
        final Set<String> capturedTypes = new HashSet<>();
        final Set<String> boundVolumes = new HashSet<>();
        final Map<String, Long> counts = new TreeMap<>(); // by name: types finish in any order
        final List<BackupManifest.TypeSummary> types = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<BackupManifest.ItemError> errors = new ArrayList<>();
        final List<BackupManifest.Skipped> skipped = new ArrayList<>();
        final List<BackupManifest.Degradation> degradations = new ArrayList<>();
        final RebuiltObjects rebuilt;
        final List<CapturedClaim> claims = new ArrayList<>();
        BackupHookRunner.Results hooks;
        boolean postHooksRan;
        VolumeSnapshotter.Batch snapshots;
        List<VolumeSnapshotRecord> volumeSnapshots = List.of();
        PagedLister lister;
        IndexWriter index;
        long totalBytes;
        long encryptedObjects;

        Run(String name, BackupSpec spec, Instant start, Optional<EncryptionKey> key) {
            this.name = name;
            this.key = key;
            this.objectDigest = key.map(ObjectDigest::of);
            this.spec = spec;
            this.start = start;
            this.rebuilt = new RebuiltObjects(spec.includeOwnedPods());
            this.binding = new EntryBinding(BackupManifest.FORMAT_VERSION, name, backupId);
        }

        void warn(String w) {
            warnings.add(w);
        }

        synchronized void degrade(BackupManifest.Degradation d) {
            degradations.add(d);
        }

        /**
         * A group version discovery could not read: its types were not backed up. The backup is incomplete unless
         * the selection could not have taken any of them (no namespace and no cluster type selected, or filters and
         * rules that leave out the whole group).
         */
        void discoveryFailed(ApiDiscovery.Failure f) {
            boolean incomplete = scope.mayTakeGroup(f.group());
            degrade(new BackupManifest.Degradation(f.stale() ? BackupManifest.DegradationKind.DiscoveryStale
                    : BackupManifest.DegradationKind.DiscoveryFailed, f.groupVersion(), f.message(), incomplete));
        }

        void throttled(long responses) {
            if (responses >= THROTTLED_THRESHOLD) {
                degrade(new BackupManifest.Degradation(BackupManifest.DegradationKind.Throttled, "api-server", responses
                        + " requests were answered 429 Too Many Requests and retried after a backoff", false));
            }
        }

        /** Hook failures with onError Fail and failed snapshots are item errors: the backup is PartiallyFailed. */
        void recordHooksAndSnapshots() {
            warnings.addAll(hooks.warnings);
            hooks.artifacts.forEach(a -> totalBytes += a.size());
            for (HookFailure f : hooks.failures) {
                if (f.onError() == OnError.Fail) {
                    errors.add(new BackupManifest.ItemError(WellKnownTypes.PODS, f.namespace(), f.pod(),
                            f.phase() + " hook " + f.hook() + " failed: " + f.reason()));
                } else {
                    warnings.add(f + " (onError Continue)");
                }
            }
            if (snapshots != null) {
                warnings.addAll(snapshots.warnings());
                volumeSnapshots = snapshots.records();
                for (VolumeSnapshotRecord r : snapshots.failed()) {
                    errors.add(new BackupManifest.ItemError(SnapshotApi.SNAPSHOTS_RESOURCE, r.namespace(), r.pvcName(), r.error()));
                }
            }
        }

        BackupManifest manifest(BackupManifest.ClusterInfo cluster, TypeArchiveWriter.StoredFile indexFile, Instant end,
                                Optional<EncryptionKey> key, Instant expiresAt, BackupSeries series) {
            long objects = counts.values().stream().mapToLong(Long::longValue).sum();
            boolean incomplete = degradations.stream().anyMatch(BackupManifest.Degradation::incomplete);
            BackupStatus status = !errors.isEmpty() && objects == 0 ? BackupStatus.Failed
                    : !errors.isEmpty() || incomplete ? BackupStatus.PartiallyFailed : BackupStatus.Completed;
            List<BackupManifest.Skipped> allSkipped = new ArrayList<>(skipped);
            allSkipped.addAll(rebuilt.skipped());
            BackupManifest.Encryption encryption = new BackupManifest.Encryption(spec.encryption().name(),
                    spec.encryption() == BackupSpec.EncryptionMode.none ? null : key.map(EncryptionKey::fingerprint).orElse(null),
                    encryptedObjects, spec.encryption() == BackupSpec.EncryptionMode.none ? null
                    : key.map(EncryptionKey::keyDerivation).orElse(null));
            return new BackupManifest(BackupManifest.FORMAT_VERSION, BackupManifest.KIND, name, backupId, start, end, status,
                    objects, totalBytes + indexFile.size(), spec.labels(), cluster, BackupManifest.Filters.of(spec),
                    types.stream().sorted(java.util.Comparator.comparing(BackupManifest.TypeSummary::resource)).toList(),
                    new BackupManifest.StoredIndex(ArchivePaths.INDEX, indexFile.size(), indexFile.sha256(), objects),
                    encryption, List.copyOf(warnings), List.copyOf(errors), volumeSnapshots,
                    hooks == null ? List.of() : List.copyOf(hooks.artifacts), allSkipped, List.copyOf(degradations),
                    expiresAt, series);
        }
    }
}
