package io.jenkins.plugins.k8sbackup.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

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
                io.jenkins.plugins.k8sbackup.cli.etcd.EtcdRestoreCommand.class,
                CompletionCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int PARTIAL = 3;

    /** Inherited by every command, so `k8s-backup restore ... --debug` and `k8s-backup --debug restore ...` both work. */
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "print the stack trace of an error (also: environment variable K8S_BACKUP_DEBUG)")
    boolean debug;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "also print per-object and detail lines where the command has them (restore: every object's "
                    + "action; list: every lease; delete: what each deleted backup held; jenkins-restore --preview: every "
                    + "path, not the first 20 of each kind)")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "no progress or informational lines: only warnings, errors and the result")
    boolean quiet;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    /** The options every command inherits, read from wherever in the command tree {@code spec} is. */
    static Main global(CommandSpec spec) {
        return (Main) spec.root().userObject();
    }

    boolean debugging() {
        return debug || System.getenv("K8S_BACKUP_DEBUG") != null;
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(io.jenkins.plugins.k8sbackup.catalog.BackupKind.class, new KindConverter());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(Main::usageError);
        HelpText.apply(cl);
        return cl;
    }

    /** One line naming the problem, the nearest command or option when one was mistyped, and where help is. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        // A mistyped required option also makes "missing required option": name the typo, the cause, first.
        if (!(ex instanceof CommandLine.UnmatchedArgumentException) && !cl.getUnmatchedArguments().isEmpty()) {
            ex = new CommandLine.UnmatchedArgumentException(cl, cl.getUnmatchedArguments());
        }
        err.println("error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("try '" + cl.getCommandSpec().qualifiedName() + " --help'");
        return USAGE;
    }

    /** Exit codes as every command's help lists them. */
    static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "Completed (verification: passed)");
        codes.put("1", "Failed: nothing usable was done, or a verification failed");
        codes.put("2", "usage error: a bad option or value (nothing was done)");
        codes.put("3", "PartiallyFailed: done, but something was skipped, refused or failed (see the report)");
        return codes;
    }

    public static void main(String[] args) {
        quietHttpClientWarnings();
        System.exit(commandLine().execute(args));
    }

    /**
     * Vert.x warns on stderr when its event loop is blocked for 2 s, which a busy 2-core machine triggers on its own;
     * those lines are noise to a CLI user, so they go only to --debug runs.
     */
    private static void quietHttpClientWarnings() {
        if (System.getenv("K8S_BACKUP_DEBUG") == null) {
            BLOCKED_THREAD_LOG.setLevel(java.util.logging.Level.OFF);
        }
    }

    /** Held strongly: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger BLOCKED_THREAD_LOG =
            java.util.logging.Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");
}
