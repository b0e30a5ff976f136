package io.jenkins.plugins.k8sbackup.cli.jenkins;

import io.jenkins.plugins.k8sbackup.jenkinshome.FileProblem;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsBackupResult;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestorePlan;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestoreReport;
import java.util.ArrayList;
import java.util.List;

/** The text form of JENKINS_HOME results, as the Kubernetes commands print theirs: the outcome's summary line, then what went wrong. */
final class JenkinsText {
    /** Paths listed per category in a preview before "and N more"; --verbose and -o json list them all. */
    static final int LISTED = 20;

    private JenkinsText() {}

    static List<String> backup(JenkinsBackupResult r) {
        List<String> lines = new ArrayList<>();
        lines.add(r.outcome().summary());
        lines.add("  master.key: " + r.masterKey());
        if (r.encryptionKeyFingerprint() != null) {
            lines.add("  encrypted, key fingerprint " + r.encryptionKeyFingerprint());
        }
        r.notes().forEach(n -> lines.add("  note: " + n));
        r.prunedBackups().forEach(p -> lines.add("  pruned: " + p));
        r.warnings().forEach(w -> lines.add("WARNING: " + w));
        return lines;
    }

    static List<String> restore(JenkinsRestoreReport r) {
        List<String> lines = new ArrayList<>();
        lines.add(r.outcome().summary());
        lines.add("  chain: " + String.join(" -> ", r.chain()));
        if (r.pluginsTxt() != null) {
            lines.add("  plugins.txt: " + r.pluginsTxt() + " (" + r.pluginCount() + " plugins)");
        }
        lines.add("  master.key: " + r.masterKey());
        r.warnings().forEach(w -> lines.add("WARNING: " + w));
        r.errors().forEach(e -> lines.add("ERROR: " + problem(e)));
        return lines;
    }

    static List<String> plan(JenkinsRestorePlan p, boolean verbose) {
        int limit = verbose ? Integer.MAX_VALUE : LISTED;
        List<String> lines = new ArrayList<>();
        lines.add(p.outcome().summary());
        lines.add("  chain: " + String.join(" -> ", p.chain()));
        listed(lines, "create", p.create(), limit);
        listed(lines, "overwrite", p.overwrite(), limit);
        listed(lines, "delete", p.delete(), limit);
        lines.add("  master.key: " + p.masterKey());
        p.warnings().forEach(w -> lines.add("WARNING: " + w));
        p.refused().forEach(e -> lines.add("REFUSED: " + problem(e)));
        return lines;
    }

    private static void listed(List<String> lines, String action, List<String> paths, int limit) {
        paths.stream().limit(limit).forEach(path -> lines.add("  " + action + " " + path));
        if (paths.size() > limit) {
            lines.add("  ... and " + (paths.size() - limit) + " more to " + action + " (--verbose or -o json lists them all)");
        }
    }

    private static String problem(FileProblem p) {
        return p.path() + ": " + p.message();
    }
}
