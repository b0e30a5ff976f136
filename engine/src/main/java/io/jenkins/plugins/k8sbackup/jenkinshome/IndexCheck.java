package io.jenkins.plugins.k8sbackup.jenkinshome;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a backup's file index against its manifest before a restore writes anything: each entry declares a size
 * and a sha256, the sizes add up to no more than the bytes the backup read from the home, and each plugin line is
 * one plugin at one version. An index that fails is damaged or crafted: the whole restore is refused.
 */
final class IndexCheck {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int SHOWN = 10;

    private IndexCheck() {}

    static void require(JenkinsManifest manifest, FileIndex index) throws JenkinsHomeException {
        List<String> problems = new ArrayList<>();
        long declared = 0;
        for (FileEntry f : index.files()) {
            if (f.size() < 0) {
                problems.add(SafePaths.quoted(f.path()) + ": negative size " + f.size());
            } else {
                declared = saturatedAdd(declared, f.size());
            }
            if (f.sha256() == null || !SHA256.matcher(f.sha256()).matches()) {
                problems.add(SafePaths.quoted(f.path()) + ": the sha256 is not 64 hex digits");
            }
        }
        // manifests that lack sourceBytes: the index total is the cap, and each file must still be exactly its size
        Long cap = manifest.sourceBytes();
        if (cap != null && declared > cap) {
            problems.add(0, "its files declare " + declared + " bytes, more than the " + cap
                    + " bytes the backup read from the home (sourceBytes in its manifest)");
        }
        for (String line : index.plugins()) {
            PluginInventory.problem(line).ifPresent(p -> problems.add("plugin list: " + p));
        }
        if (!problems.isEmpty()) {
            throw new JenkinsHomeException("refusing to restore: the index of backup " + manifest.name()
                    + " is damaged or crafted (" + summary(problems) + "); nothing was written");
        }
    }

    /** The first problems, and how many more there are. */
    static String summary(List<String> problems) {
        String shown = String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size())));
        return problems.size() > SHOWN ? shown + "; and " + (problems.size() - SHOWN) + " more" : shown;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
