package io.jenkins.plugins.k8sbackup.cli.jenkins;

import io.jenkins.plugins.k8sbackup.cli.ConsoleProgress;
import io.jenkins.plugins.k8sbackup.cli.KeyOptions;
import io.jenkins.plugins.k8sbackup.cli.OutputOptions;
import io.jenkins.plugins.k8sbackup.cli.StorageOptions;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestoreOptions;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestorePlan;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestoreReport;
import io.jenkins.plugins.k8sbackup.ops.JenkinsHomeOperation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Restores a JENKINS_HOME backup into a directory (a staging dir, or the home of a stopped Jenkins). */
@Command(name = "jenkins-restore", mixinStandardHelpOptions = true,
        description = "Restore a JENKINS_HOME backup (a diff brings its full) into a directory and write plugins.txt "
                + "for jenkins-plugin-cli. Refuses a target whose .owner shows a running Jenkins. A damaged backup is "
                + "refused with nothing written (exit 1); exit 3 when some paths were refused (unsafe, or a symbolic "
                + "link in the target).")
public final class JenkinsRestoreCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Backup to restore.")
    String name;

    @Mixin
    StorageOptions storage;

    @Option(names = "--target", required = true, description = "Directory to restore into.")
    Path target;

    @Option(names = "--preview", description = "Only list what would be created, overwritten, deleted and left unchanged.")
    boolean preview;

    @Option(names = "--clean", description = "Also delete files missing from the backup, within the backed-up scope only.")
    boolean clean;

    @Mixin
    KeyOptions keys;

    @Option(names = "--master-key-file", paramLabel = "FILE", description = "Key of the separately stored master.key; restores secrets/master.key.")
    Path masterKeyFile;

    @Option(names = "--plugins-txt", paramLabel = "FILE", description = "Where to write the plugin list (default: TARGET/plugins.txt).")
    Path pluginsTxt;

    @Option(names = "--skip-live-check", description = "Restore even if TARGET/.owner was written recently (only when Jenkins is surely stopped).")
    boolean skipLiveCheck;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        JenkinsRestoreOptions options = JenkinsRestoreOptions.builder(name, target).clean(clean)
                .encryptionKey(keys.key().orElse(null)).masterKeyEncryptionKey(JenkinsCliSupport.key(masterKeyFile))
                .pluginsTxt(pluginsTxt).refuseIfRunning(!skipLiveCheck).build();
        if (preview) {
            JenkinsRestorePlan plan = JenkinsHomeOperation.preview(options, storage.target(), ConsoleProgress.of(spec));
            JenkinsCliSupport.print(spec, output, plan, JenkinsText.plan(plan, ConsoleProgress.of(spec).verbose()));
            return plan.outcome().exitCode();
        }
        JenkinsRestoreReport report = JenkinsHomeOperation.restore(options, storage.target(), ConsoleProgress.of(spec));
        JenkinsCliSupport.print(spec, output, report, JenkinsText.restore(report));
        return report.outcome().exitCode();
    }
}
