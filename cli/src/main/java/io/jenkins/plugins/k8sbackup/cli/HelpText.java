package io.jenkins.plugins.k8sbackup.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Examples and exit codes for every command's help, kept in one place so each command's help reads the same way
 * and a new command cannot forget them (CliHelpTest checks that every command has both).
 */
final class HelpText {
    private HelpText() {}

    private static final String S3 = "s3://backups/prod?region=eu-west-1";

    static final Map<String, List<String>> EXAMPLES = Map.ofEntries(
            Map.entry("backup", List.of(
                    "k8s-backup backup --storage " + S3 + " -n shop --label job=deploy-shop --ttl 720h",
                    "k8s-backup backup --context prod --storage /var/backups --include-namespaces 'shop*' "
                            + "--encryption-key-file key.bin -l app=web")),
            Map.entry("restore", List.of(
                    "k8s-backup restore shop-20261123 --storage " + S3 + " --dry-run",
                    "k8s-backup restore shop-20261123 --storage " + S3 + " --namespace-map shop=shop-staging "
                            + "--existing update --report restore.json")),
            Map.entry("diff", List.of("k8s-backup diff shop-20261123 --storage " + S3 + " -n shop -o yaml")),
            Map.entry("verify", List.of(
                    "k8s-backup verify shop-20261123 --storage " + S3 + " --timeout 5m",
                    "k8s-backup verify shop-20261123 --storage " + S3 + " --namespace-map shop=shop-staging")),
            Map.entry("list", List.of(
                    "k8s-backup list --storage " + S3,
                    "k8s-backup list --storage /var/backups --kind jenkins -o json")),
            Map.entry("describe", List.of("k8s-backup describe shop-20261123 --storage " + S3 + " -o yaml")),
            Map.entry("delete", List.of("k8s-backup delete shop-20261123 --storage " + S3 + " --yes",
                    "k8s-backup delete -l job=deploy-shop,env=test --storage " + S3 + " --dry-run")),
            Map.entry("demo", List.of("k8s-backup demo", "k8s-backup demo --dir /tmp/demo")),
            Map.entry("jenkins-backup", List.of(
                    "k8s-backup jenkins-backup --home /var/jenkins_home --storage " + S3 + " --encryption-key-file key.bin",
                    "k8s-backup jenkins-backup --home /var/jenkins_home --storage /backups --mode full -o json")),
            Map.entry("jenkins-restore", List.of(
                    "k8s-backup jenkins-restore jenkins-20261123 --storage " + S3 + " --target /srv/jenkins-restore --preview",
                    "k8s-backup jenkins-restore jenkins-20261123 --storage " + S3 + " --target /srv/jenkins-restore "
                            + "--encryption-key-file key.bin --master-key-file mk.bin")),
            Map.entry("etcd-snapshot", List.of(
                    "k8s-backup etcd-snapshot --endpoints https://10.0.0.1:2379 --cacert ca.crt --cert c.crt --key c.key "
                            + "--storage " + S3 + " --verify")),
            Map.entry("etcd-verify", List.of("k8s-backup etcd-verify etcd-20261123 --storage " + S3)),
            Map.entry("etcd-restore", List.of(
                    "k8s-backup etcd-restore etcd-20261123 --storage " + S3 + " --print-plan",
                    "k8s-backup etcd-restore etcd-20261123 --storage " + S3 + " --member etcd-a "
                            + "--data-dir /var/lib/etcd-restored --pki-to /etc/kubernetes/pki --encryption-key-file key.bin")),
            Map.entry("completion", List.of(
                    "source <(k8s-backup completion bash)",
                    "k8s-backup completion zsh > \"${fpath[1]}/_k8s-backup\"")));

    /** Adds the examples and the exit codes to every command's usage message. */
    static void apply(CommandLine root) {
        root.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(Main.exitCodes());
        for (CommandLine sub : root.getSubcommands().values()) {
            var usage = sub.getCommandSpec().usageMessage();
            usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(Main.exitCodes());
            List<String> examples = EXAMPLES.get(sub.getCommandName());
            if (examples != null) {
                String[] footer = new String[examples.size() + 1];
                footer[0] = "%nExamples:";
                for (int i = 0; i < examples.size(); i++) {
                    footer[i + 1] = "  " + examples.get(i).replace("%", "%%");
                }
                usage.footer(footer);
            }
        }
    }
}
