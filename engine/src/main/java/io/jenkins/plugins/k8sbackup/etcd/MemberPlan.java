package io.jenkins.plugins.k8sbackup.etcd;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One member's {@code snapshot restore} flags: its name, the whole initial cluster
 * ("m1=https://10.0.0.10:2380,m2=..."), the cluster token and the peer URLs it advertises. Every member of one
 * restored cluster gets the same initial cluster and token.
 */
public record MemberPlan(String member, String initialCluster, String initialClusterToken, String initialAdvertisePeerUrls) {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /** Arguments after the program name: {@code snapshot restore SNAPSHOT --name ... --data-dir ...}. */
    List<String> restoreArgs(String snapshot, String dataDir) {
        return List.of("snapshot", "restore", snapshot, "--name", member, "--data-dir", dataDir,
                "--initial-cluster", initialCluster, "--initial-cluster-token", initialClusterToken,
                "--initial-advertise-peer-urls", initialAdvertisePeerUrls);
    }

    /** The command line a human types for {@code program} ("etcdctl" or "etcdutl"), quoted for a POSIX shell. */
    public String shellCommand(String program, String snapshot, String dataDir) {
        String prefix = program.equals("etcdctl") ? "ETCDCTL_API=3 etcdctl " : program + " ";
        return prefix + restoreArgs(snapshot, dataDir).stream().map(MemberPlan::quote).collect(Collectors.joining(" "));
    }

    /** {@code arg} as one POSIX shell word. */
    public static String quote(String arg) {
        return SHELL_SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
