package io.jenkins.plugins.k8sbackup.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The k8s-backup command line. Exit codes are a contract CI can rely on: 0 Completed (or passed),
 * 1 Failed, 2 usage error, 3 PartiallyFailed (or passed with warnings).
 */
@Command(name = "k8s-backup", mixinStandardHelpOptions = true, version = "k8s-backup 0.1.0",
        description = "Back up, restore and verify Kubernetes clusters and Jenkins homes.",
        subcommands = {BackupCommand.class, RestoreCommand.class, DiffCommand.class, VerifyCommand.class,
                ListCommand.class, DescribeCommand.class, DeleteCommand.class,
                DemoCommand.class,
                io.jenkins.plugins.k8sbackup.cli.jenkins.JenkinsBackupCommand.class,
                io.jenkins.plugins.k8sbackup.cli.jenkins.JenkinsRestoreCommand.class,
                io.jenkins.plugins.k8sbackup.cli.etcd.EtcdSnapshotCommand.class,
                io.jenkins.plugins.k8sbackup.cli.etcd.EtcdVerifyCommand.class,
                io.jenkins.plugins.k8sbackup.cli.etcd.EtcdRestoreCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int PARTIAL = 3;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            return USAGE;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
