package io.jenkins.plugins.k8sbackup.cli.etcd;

import io.jenkins.plugins.k8sbackup.cli.KeyOptions;
import io.jenkins.plugins.k8sbackup.cli.OutputOptions;
import io.jenkins.plugins.k8sbackup.cli.StorageOptions;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.etcd.EtcdVerifyResult;
import io.jenkins.plugins.k8sbackup.ops.EtcdOperation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code etcd-verify}: check a stored etcd snapshot and optionally write the verified plain snapshot to a file
 * for {@code etcdctl snapshot restore}. Exit codes: 0 passed, 1 failed, 2 usage error, 3 passed but the
 * requested trial restore could not run (no etcdctl).
 */
@Command(name = "etcd-verify", mixinStandardHelpOptions = true,
        description = "Verify a stored etcd snapshot (hashes, optional trial restore) and optionally fetch it.")
public final class EtcdVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StorageOptions storage;

    @Parameters(index = "0", paramLabel = "NAME", description = "Snapshot name")
    String name;

    @Option(names = "--trial-restore", description = "Restore with etcdctl into a temp dir, boot it and count the keys")
    boolean trialRestore;

    @Option(names = "--snapshot-to", paramLabel = "FILE", description = "Write the verified, decrypted snapshot here (must not exist)")
    Path snapshotTo;

    @Mixin
    KeyOptions keys;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws IOException {
        Optional<EncryptionKey> key;
        try {
            key = keys.key();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        return EtcdCommands.guarded(spec, () -> {
            EtcdVerifyResult v = EtcdOperation.verify(storage.target(), name, key, snapshotTo, trialRestore);
            EtcdCommands.print(out, output, v, text -> EtcdOutput.print(text, v));
            return v.outcome().exitCode();
        });
    }
}
