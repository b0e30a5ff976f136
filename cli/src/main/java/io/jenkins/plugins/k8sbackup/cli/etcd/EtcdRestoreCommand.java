package io.jenkins.plugins.k8sbackup.cli.etcd;

import io.jenkins.plugins.k8sbackup.cli.KeyOptions;
import io.jenkins.plugins.k8sbackup.cli.OutputOptions;
import io.jenkins.plugins.k8sbackup.cli.StorageOptions;
import io.jenkins.plugins.k8sbackup.etcd.EtcdRestoreOptions;
import io.jenkins.plugins.k8sbackup.etcd.EtcdRestorePlan;
import io.jenkins.plugins.k8sbackup.etcd.EtcdRestoreResult;
import io.jenkins.plugins.k8sbackup.etcd.KeptFile;
import io.jenkins.plugins.k8sbackup.etcd.MemberPlan;
import io.jenkins.plugins.k8sbackup.ops.EtcdOperation;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code etcd-restore}: restores one etcd member from a recovery kit taken by {@code etcd-snapshot} into a new data
 * directory, puts the kept PKI and configuration files back, or prints every member's restore command.
 */
@Command(name = "etcd-restore", mixinStandardHelpOptions = true,
        description = {"Restore one etcd member from a snapshot taken with etcd-snapshot into a new, empty data directory"
                + " (etcdutl or etcdctl snapshot restore, whichever is installed), and/or put the kept PKI and"
                + " configuration files back. The member flags default to the member list recorded with the snapshot."
                + " Everything is verified before anything is written.",
                "Exit codes: 0 restored (--preview: would be), 1 refused or failed (nothing written), 2 usage error,"
                        + " 3 the data directory or some files were restored but a later file failed."})
public final class EtcdRestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Snapshot to restore")
    String name;

    @Mixin
    StorageOptions storage;

    @Option(names = "--member", paramLabel = "NAME", description = "Member to restore (its name in the recorded member list, or in --initial-cluster)")
    String member;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "New data directory of the member: absent or empty"
            + " (with --print-plan: the directory the printed commands use, default " + EtcdRestorePlan.DEFAULT_DATA_DIR + ")")
    Path dataDir;

    @Option(names = "--initial-cluster", paramLabel = "NAME=URL,...", description = "Members and peer URLs of the restored"
            + " cluster (default: the recorded member list)")
    String initialCluster;

    @Option(names = "--initial-cluster-token", paramLabel = "TOKEN", description = "Token of the restored cluster (default: restore-NAME)")
    String initialClusterToken;

    @Option(names = "--initial-advertise-peer-urls", paramLabel = "URLS", description = "Peer URLs of this member"
            + " (default: its URLs in the initial cluster)")
    String initialAdvertisePeerUrls;

    @Option(names = "--pki-to", paramLabel = "DIR", description = "Put the kept PKI files below DIR (e.g. /etc/kubernetes/pki)")
    Path pkiTo;

    @Option(names = "--files-to", paramLabel = "DIR", description = "Put the kept single files below DIR at their recorded"
            + " absolute paths (/ puts them back in place)")
    Path filesTo;

    @Option(names = "--preview", description = "Check everything and list what would be written; write nothing")
    boolean preview;

    @Option(names = "--print-plan", description = "Print every member's restore command for running by hand; restore nothing")
    boolean printPlan;

    @Mixin
    KeyOptions keys;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return EtcdCommands.guarded(spec, () -> {
            if (printPlan) {
                if (member != null || pkiTo != null || filesTo != null || preview || initialAdvertisePeerUrls != null) {
                    throw new IllegalArgumentException("--print-plan prints every member's command; it takes only"
                            + " --data-dir, --initial-cluster, --initial-cluster-token and the key options");
                }
                EtcdRestorePlan plan = EtcdOperation.plan(storage.target(), name, initialCluster, initialClusterToken,
                        dataDir == null ? null : dataDir.toString());
                EtcdCommands.print(out, output, plan, text -> text.println(String.join("\n", planLines(plan))));
                return RunStatus.Completed.exitCode();
            }
            EtcdRestoreOptions options = new EtcdRestoreOptions(name, keys.key().orElse(null), member, dataDir,
                    initialCluster, initialClusterToken, initialAdvertisePeerUrls, pkiTo, filesTo, preview);
            EtcdRestoreResult result = EtcdOperation.restore(storage.target(), options);
            EtcdCommands.print(out, output, result, text -> EtcdOutput.print(text, result));
            return result.outcome().exitCode();
        });
    }

    /** The plan as a shell script a human follows: fetch once, then one command per member. */
    private List<String> planLines(EtcdRestorePlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("# Restore plan for etcd snapshot " + plan.name() + " (etcd " + plan.etcdVersion() + ", revision "
                + (plan.snapshotRevision() != null ? plan.snapshotRevision() : ">= " + plan.revision()) + "), "
                + plan.members().size() + " member(s)");
        plan.notes().forEach(n -> lines.add("# note: " + n));
        lines.add("# 1. Where k8s-backup runs: fetch the verified, plain snapshot, then copy it to every member.");
        List<String> fetch = new ArrayList<>(List.of("k8s-backup", "etcd-verify", plan.name(), "--storage", storage.uri(),
                "--snapshot-to", plan.snapshotFile()));
        List<String> key = keys.asArguments();
        if (plan.encrypted() && key.isEmpty()) {
            lines.add("# the snapshot is encrypted: add its key (--encryption-key-file FILE or --encryption-key-env VAR)");
        }
        fetch.addAll(key);
        lines.add(shell(fetch));
        lines.add("# On every member, check the copy; this must print " + plan.sha256() + ":");
        lines.add("sha256sum " + MemberPlan.quote(plan.snapshotFile()));
        lines.add("# 2. On every member, with its kube-apiserver and etcd stopped, run that member's command"
                + " (in the directory holding " + plan.snapshotFile() + "):");
        for (EtcdRestorePlan.MemberCommand m : plan.members()) {
            lines.add("# member " + m.member() + " (peer " + m.plan().initialAdvertisePeerUrls() + ")");
            lines.add(m.command());
        }
        lines.add("# 3. Point each member's etcd at " + plan.dataDir() + " and start them all (docs/runbook-etcd-restore.md, step 4).");
        if (!plan.files().isEmpty()) {
            List<String> files = new ArrayList<>(List.of("k8s-backup", "etcd-restore", plan.name(), "--storage", storage.uri()));
            if (plan.files().stream().anyMatch(f -> KeptFile.PKI.equals(f.set()))) {
                files.addAll(List.of("--pki-to", plan.pkiDir()));
            }
            if (plan.files().stream().anyMatch(f -> KeptFile.FILE.equals(f.set()))) {
                files.addAll(List.of("--files-to", "/"));
            }
            files.addAll(key);
            lines.add("# " + plan.files().size() + " kept file(s) (" + plan.files().stream().filter(f -> f.secret() != null).count()
                    + " secret); before step 2, put them back on each node where k8s-backup runs (add --preview to check first):");
            lines.add(shell(files));
        }
        return lines;
    }

    private static String shell(List<String> args) {
        return args.stream().map(MemberPlan::quote).collect(Collectors.joining(" "));
    }
}
