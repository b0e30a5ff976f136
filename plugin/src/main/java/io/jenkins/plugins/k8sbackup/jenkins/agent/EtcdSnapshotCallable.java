package io.jenkins.plugins.k8sbackup.jenkins.agent;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.etcd.EtcdConnection;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotManifest;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotOptions;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotResult;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotRun;
import io.jenkins.plugins.k8sbackup.etcd.EtcdVerifyResult;
import io.jenkins.plugins.k8sbackup.jenkins.credentials.EtcdTls;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.LogProgress;
import io.jenkins.plugins.k8sbackup.jenkins.util.PipelineValues;
import io.jenkins.plugins.k8sbackup.jenkins.util.RemoteFailure;
import io.jenkins.plugins.k8sbackup.ops.EtcdOperation;
import io.jenkins.plugins.k8sbackup.outcome.Outcome;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Takes an etcd snapshot from the agent (which must reach the etcd endpoints) into the storage, with the agent's
 * control-plane files to keep (paths relative to the workspace), optionally verifying it there. The TLS material
 * was resolved from credentials on the controller and stays in memory.
 */
public final class EtcdSnapshotCallable extends MasterToSlaveFileCallable<StepOutcome> {
    private static final long serialVersionUID = 1L;
    static final String ETCD_CLIENT = "io.etcd.jetcd.Client";

    private final List<String> endpoints;
    private final EtcdTls tls;
    private final ResolvedStorage storage;
    private final String name;
    private final boolean verify;
    private final EncryptionKey key;
    private final Map<String, String> labels;
    private final String includePki;
    private final List<String> includeFiles;
    private final LogProgress progress;

    public EtcdSnapshotCallable(List<String> endpoints, EtcdTls tls, ResolvedStorage storage, String name, boolean verify,
                                EncryptionKey key, Map<String, String> labels, String includePki, List<String> includeFiles,
                                LogProgress progress) {
        this.endpoints = List.copyOf(endpoints);
        this.tls = tls;
        this.storage = storage;
        this.name = name;
        this.verify = verify;
        this.key = key;
        this.labels = Map.copyOf(labels);
        this.includePki = includePki;
        this.includeFiles = List.copyOf(includeFiles);
        this.progress = progress;
    }

    @Override
    public StepOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        return RemoteFailure.call(() -> snapshot(workspace), progress.masker().with(storage.secrets()));
    }

    private StepOutcome snapshot(File workspace) throws IOException {
        requireEtcdClient(EtcdSnapshotCallable.class.getClassLoader());
        EtcdConnection connection = new EtcdConnection(endpoints.stream().map(URI::create).toList(), engineTls(tls), null, null, null);
        String snapshotName = name != null ? name : EtcdSnapshotOptions.defaultName(Instant.now());
        Path ws = workspace.toPath();
        EtcdSnapshotOptions options = new EtcdSnapshotOptions(snapshotName, labels, key, null,
                includePki == null ? null : ws.resolve(includePki), includeFiles.stream().map(ws::resolve).toList());
        EtcdSnapshotRun run = EtcdOperation.snapshot(connection, options, storage.target(workspace), verify);
        EtcdSnapshotResult result = run.snapshot();
        EtcdSnapshotManifest m = result.manifest();
        progress.info("stored " + result.snapshotKey() + " (" + m.snapshotBytes() + " bytes, revision " + m.revision()
                + ", etcd " + m.etcdVersion() + ") in " + result.durationMillis() + " ms");
        return outcome(run);
    }

    /**
     * The .hpi does not bundle the etcd client (jetcd's grpc/vertx/netty cannot share the netty-api plugin's netty;
     * plugin/README.md, "etcd"): say so instead of failing with a NoClassDefFoundError.
     */
    static void requireEtcdClient(ClassLoader loader) throws IOException {
        try {
            Class.forName(ETCD_CLIENT, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IOException("etcdSnapshot needs the etcd client library (" + ETCD_CLIENT + "), which this plugin does not"
                    + " bundle; run the k8s-backup CLI in an sh step instead: java -jar k8s-backup.jar etcd-snapshot --help");
        }
    }

    static io.jenkins.plugins.k8sbackup.etcd.EtcdTls engineTls(EtcdTls tls) {
        if (tls == null || (tls.caPem() == null && !tls.hasClientCertificate())) {
            return null;
        }
        return new io.jenkins.plugins.k8sbackup.etcd.EtcdTls(bytes(tls.caPem()), bytes(tls.certPem()), bytes(tls.keyPem()));
    }

    private static byte[] bytes(String pem) {
        return pem == null ? null : pem.getBytes(StandardCharsets.US_ASCII);
    }

    static StepOutcome outcome(EtcdSnapshotRun run) {
        EtcdSnapshotResult result = run.snapshot();
        EtcdSnapshotManifest m = result.manifest();
        Map<String, Object> report = PipelineValues.plainMap(Json.MAPPER.convertValue(m, Map.class));
        report.put("location", result.storage());
        report.put("snapshotKey", result.snapshotKey());
        report.put("durationMillis", result.durationMillis());
        EtcdVerifyResult verified = run.verify();
        if (verified != null) {
            report.put("verify", PipelineValues.plainMap(Json.MAPPER.convertValue(verified, Map.class)));
        }
        Outcome outcome = run.outcome();
        report.put("status", outcome.status().name());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("bytes", m.snapshotBytes());
        counts.put("revision", m.revision());
        counts.put("keptFiles", (long) m.keptFiles().size());
        return new StepOutcome(outcome, counts, List.of(), verified == null ? List.of() : List.copyOf(verified.problems()), report);
    }
}
