package io.jenkins.plugins.k8sbackup.cli.etcd;

import io.jenkins.plugins.k8sbackup.cli.KeyOptions;
import io.jenkins.plugins.k8sbackup.cli.OutputOptions;
import io.jenkins.plugins.k8sbackup.cli.StorageOptions;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.etcd.EtcdConnection;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotManifest;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotOptions;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotResult;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotRun;
import io.jenkins.plugins.k8sbackup.etcd.EtcdTls;
import io.jenkins.plugins.k8sbackup.etcd.EtcdVerifyResult;
import io.jenkins.plugins.k8sbackup.ops.EtcdOperation;
import io.jenkins.plugins.k8sbackup.util.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code etcd-snapshot}: snapshot etcd through its maintenance API into backup storage, optionally with the PKI
 * directory and other control-plane files (the recovery kit {@code etcd-restore} restores).
 * Exit codes: 0 stored (and verified), 1 failed, 2 usage error (also: a secret to keep without an encryption key),
 * 3 stored but the requested trial restore could not run (no etcdctl).
 */
@Command(name = "etcd-snapshot", mixinStandardHelpOptions = true,
        description = {"Take an etcd snapshot (maintenance API) and store it with its SHA-256, the member list and a manifest;"
                + " with --include-pki/--include-file also the control-plane files a restore needs.",
                "Exit codes: 0 stored, 1 failed, 2 usage error (nothing stored), 3 stored but --verify could not run a trial restore."})
public final class EtcdSnapshotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--endpoints", required = true, paramLabel = "URLS",
            description = "Comma-separated etcd client URLs, e.g. https://10.0.0.10:2379")
    String endpoints;

    @Mixin
    StorageOptions storage;

    @Option(names = "--cacert", paramLabel = "FILE", description = "CA certificate of etcd (kubeadm: /etc/kubernetes/pki/etcd/ca.crt)")
    Path cacert;

    @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.crt)")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Client private key (PKCS#8, PKCS#1 RSA or SEC1 EC PEM)")
    Path key;

    @Option(names = "--user", paramLabel = "USER", description = "etcd user (with --password-env)")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the etcd password")
    String passwordEnv;

    @Option(names = "--name", paramLabel = "NAME", description = "Snapshot name (default etcd-<UTC timestamp>)")
    String name;

    @Option(names = "--label", paramLabel = "K=V", description = "Label stored in the manifest (repeatable)")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Bound on connecting and on each etcd call (default ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--verify", description = "After storing, restore the snapshot with etcdctl into a temp dir and count its keys")
    boolean verify;

    @Mixin
    KeyOptions keys;

    @Option(names = "--include-pki", arity = "0..1", paramLabel = "DIR", fallbackValue = "/etc/kubernetes/pki",
            description = "Keep this PKI directory with the snapshot (default when given without DIR: ${FALLBACK-VALUE});"
                    + " private keys are stored only encrypted, so this needs an encryption key")
    Path includePki;

    @Option(names = "--include-file", paramLabel = "FILE",
            description = "Keep this file with the snapshot (repeatable): kubeadm config, static pod manifests, the"
                    + " encryption-at-rest config (stored only encrypted)")
    List<Path> includeFiles = new ArrayList<>();

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        EtcdConnection connection;
        EtcdSnapshotOptions options;
        Optional<EncryptionKey> encryptionKey;
        try {
            connection = connection();
            encryptionKey = keys.key();
            options = new EtcdSnapshotOptions(name != null ? name : EtcdSnapshotOptions.defaultName(Instant.now()), labels,
                    encryptionKey.orElse(null), null, includePki, includeFiles);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        return EtcdCommands.guarded(spec, () -> {
            EtcdSnapshotRun run = EtcdOperation.snapshot(connection, options, storage.target(), verify);
            EtcdSnapshotResult result = run.snapshot();
            EtcdVerifyResult verification = run.verify();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("snapshot", result);
            doc.put("verify", verification);
            EtcdCommands.print(out, output, doc, text -> {
                EtcdSnapshotManifest m = result.manifest();
                text.printf("etcd snapshot %s stored at %s%s%n", m.name(), result.storage(), result.snapshotKey());
                text.printf("  etcd %s, revision %s, db size %d bytes, %d member(s), snapshot %d bytes in %d ms%n",
                        m.etcdVersion(), m.snapshotRevision() != null ? m.snapshotRevision()
                                : m.revision() + ".." + (m.revisionAtEnd() == null ? "?" : m.revisionAtEnd()),
                        m.dbSize(), m.members().size(), m.snapshotBytes(), result.durationMillis());
                text.printf("  sha256 %s%s%n", m.sha256(), m.encrypted() ? " (encrypted, key " + m.keyFingerprint() + ")" : "");
                EtcdOutput.printKept(text, m);
                if (verification != null) {
                    EtcdOutput.print(text, verification);
                }
            });
            return run.outcome().exitCode();
        });
    }

    private EtcdConnection connection() throws IOException {
        EtcdConnection c = new EtcdConnection(EtcdConnection.parseEndpoints(endpoints), null, null, null,
                Durations.parse(timeout));
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        if (cacert != null || cert != null) {
            c = c.withTls(EtcdTls.fromFiles(cacert, cert, key));
        }
        if ((user == null) != (passwordEnv == null)) {
            throw new IllegalArgumentException("--user and --password-env go together");
        }
        if (user != null) {
            String password = System.getenv(passwordEnv);
            if (password == null) {
                throw new IllegalArgumentException("environment variable " + passwordEnv + " (--password-env) is not set");
            }
            c = c.withAuth(user, password);
        }
        return c;
    }
}
