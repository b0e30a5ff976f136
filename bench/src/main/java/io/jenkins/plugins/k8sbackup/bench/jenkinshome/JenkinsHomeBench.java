package io.jenkins.plugins.k8sbackup.bench.jenkinshome;

import io.jenkins.plugins.k8sbackup.jenkinshome.BackupMode;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsBackupOptions;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsBackupResult;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeBackup;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeRestore;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestoreOptions;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsRestoreReport;
import io.jenkins.plugins.k8sbackup.jenkinshome.SelectionSpec;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * JENKINS_HOME backup throughput against `tar czf` of the same tree, in the same run.
 * A home of 2,000 jobs / 20,000 files at 2 GiB, scaled linearly by the size argument (jobs and files; log
 * sizes stay ~256 KiB, as in a busy controller). Times a full backup (with build records), a diff after
 * changing 1% of the files (with and without the unchanged-stamp shortcut) and the restore of full + diff.
 *
 * <p>Usage: {@code JenkinsHomeBench [sizeMiB=200] [workDir=${java.io.tmpdir}/jenkins-home-bench]}
 */
public final class JenkinsHomeBench {
    private static final int FULL_SIZE_MIB = 2048;
    private static final int FULL_JOBS = 2000;
    private static final int BUILDS_PER_JOB = 4; // + config.xml + nextBuildNumber = 10 files per job
    /** Format arguments: 1 a module name, 2-4 numbers. */
    private static final String[] LINES = {
        "[INFO] Building module %1$s %2$d/%3$d", "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/%1$s/%2$d",
        "[WARNING] %1$s is deprecated, see https://example.org/%3$x", "+ sh ./gradlew test --tests %1$s -Pbuild=%2$d",
        "    at org.example.%1$s.Run(Run.java:%4$d)", "[Pipeline] { (Stage %1$s) %2$d", "Tests run: %2$d, Failures: 0, Errors: 0, Skipped: %4$d",
        "%1$s: compiled %2$d sources in %3$d ms"};

    private JenkinsHomeBench() {}

    public static void main(String[] args) throws Exception {
        int sizeMiB = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path work = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir") + "/jenkins-home-bench");
        delete(work);
        Path home = work.resolve("home");
        int jobs = Math.max(20, (int) Math.round((double) FULL_JOBS * sizeMiB / FULL_SIZE_MIB));
        long logBytes = (long) sizeMiB * (1 << 20) / (jobs * (long) BUILDS_PER_JOB);
        long t0 = System.nanoTime();
        List<Path> files = generate(home, jobs, (int) logBytes);
        long homeBytes = size(home);
        System.out.printf(Locale.ROOT, "home: %d jobs, %d files, %.1f MiB (generated in %.1f s) at %s%n", jobs, files.size(),
                homeBytes / 1048576.0, secs(t0), home);

        Path tgz = work.resolve("home.tgz");
        t0 = System.nanoTime();
        Process tar = new ProcessBuilder("tar", "czf", tgz.toString(), "-C", home.toString(), ".").inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("tar czf failed");
        }
        double tarSecs = secs(t0);

        LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("store"));
        SelectionSpec withBuilds = new SelectionSpec(true, null, null, false, List.of(), List.of());
        t0 = System.nanoTime();
        JenkinsBackupResult full = JenkinsHomeBackup.run(JenkinsBackupOptions.builder(home).name("bench-full")
                .mode(BackupMode.FULL).selection(withBuilds).build(), storage, null);
        double fullSecs = secs(t0);

        List<Path> changed = changeOnePercent(files);
        t0 = System.nanoTime();
        JenkinsBackupResult diff = JenkinsHomeBackup.run(JenkinsBackupOptions.builder(home).name("bench-diff")
                .mode(BackupMode.DIFF).selection(withBuilds).build(), storage, progress(t0));
        double diffSecs = secs(t0);
        t0 = System.nanoTime();
        JenkinsBackupResult rehash = JenkinsHomeBackup.run(JenkinsBackupOptions.builder(home).name("bench-diff-rehash")
                .mode(BackupMode.DIFF).selection(withBuilds).rehashAll(true).build(), storage, null);
        double rehashSecs = secs(t0);

        t0 = System.nanoTime();
        JenkinsRestoreReport restored = JenkinsHomeRestore.restore(JenkinsRestoreOptions.builder("bench-diff",
                work.resolve("restored")).build(), storage, null);
        double restoreSecs = secs(t0);

        System.out.printf(Locale.ROOT, "tar czf:              %7.2f s  %8.1f MiB%n", tarSecs, Files.size(tgz) / 1048576.0);
        System.out.printf(Locale.ROOT, "full backup:          %7.2f s  %8.1f MiB  %d files  %s%n", fullSecs,
                full.bytes() / 1048576.0, full.fileCount(), full.status());
        System.out.printf(Locale.ROOT, "diff (1%% = %d files changed): %7.2f s  %8.1f MiB  %d files stored%n", changed.size(),
                diffSecs, diff.bytes() / 1048576.0, diff.fileCount());
        System.out.printf(Locale.ROOT, "diff, --rehash-all:   %7.2f s  %8.1f MiB  %d files stored%n", rehashSecs,
                rehash.bytes() / 1048576.0, rehash.fileCount());
        System.out.printf(Locale.ROOT, "restore full+diff:    %7.2f s  %d files created, %d errors%n", restoreSecs,
                restored.created(), restored.errors().size());
        System.out.printf(Locale.ROOT, "ratio full / tar czf: %.2f  (target <= 1.2)%n", fullSecs / tarSecs);
        System.out.printf(Locale.ROOT, "ratio full / diff:    %.1f  (target >= 10); full / diff --rehash-all: %.1f%n",
                fullSecs / diffSecs, fullSecs / rehashSecs);
        if (diff.fileCount() != changed.size() || rehash.fileCount() != changed.size()) {
            throw new IllegalStateException("diff stored " + diff.fileCount() + "/" + rehash.fileCount() + " files, expected " + changed.size());
        }
        if (!restored.errors().isEmpty() || restored.created() != full.fileCount()) {
            throw new IllegalStateException("restore incomplete: " + restored.errors());
        }
    }

    private static List<Path> generate(Path home, int jobs, int logBytes) throws IOException {
        List<Path> files = new ArrayList<>();
        Random r = new Random(42);
        write(home.resolve("config.xml"), "<hudson><version>2.528.3</version><numExecutors>0</numExecutors></hudson>\n", null);
        write(home.resolve("credentials.xml"), "<credentials/>\n", null);
        for (int u = 0; u < 20; u++) {
            write(home.resolve("users/user" + u + "_" + u + "/config.xml"), "<user><id>user" + u + "</id></user>\n", null);
        }
        for (int n = 0; n < 10; n++) {
            write(home.resolve("nodes/agent-" + n + "/config.xml"), "<slave><name>agent-" + n + "</name></slave>\n", null);
        }
        byte[] block = logBlock(r, 32 << 20); // larger than zstd's window: no cross-file freebies
        for (int j = 0; j < jobs; j++) {
            Path job = home.resolve("jobs/folder-" + (j % 40) + "/jobs/job-" + j);
            if (j < 40) {
                write(home.resolve("jobs/folder-" + j + "/config.xml"), "<com.cloudbees.hudson.plugins.folder.Folder/>\n", null);
            }
            write(job.resolve("config.xml"), configXml(j, r), files);
            write(job.resolve("nextBuildNumber"), (BUILDS_PER_JOB + 1) + "\n", files);
            for (int b = 1; b <= BUILDS_PER_JOB; b++) {
                Path build = job.resolve("builds/" + b);
                write(build.resolve("build.xml"), "<flow-build><number>" + b + "</number><result>SUCCESS</result><duration>"
                        + r.nextInt(1_000_000) + "</duration></flow-build>\n", files);
                Path log = build.resolve("log");
                Files.createDirectories(build);
                // windows into a shared pseudo-log: compressible like real logs, but no two files equal
                int offset = r.nextInt(block.length - Math.min(logBytes, block.length - 1));
                try (var out = Files.newOutputStream(log)) {
                    long left = logBytes;
                    out.write(("Started by timer job-" + j + " #" + b + "\n").getBytes(StandardCharsets.UTF_8));
                    while (left > 0) {
                        int n = (int) Math.min(left, block.length - offset);
                        out.write(block, offset, n);
                        left -= n;
                        offset = 0;
                    }
                }
                files.add(log);
            }
        }
        return files;
    }

    private static String configXml(int j, Random r) {
        StringBuilder sb = new StringBuilder("<flow-definition plugin=\"workflow-job\">\n  <description>job ").append(j).append("</description>\n");
        for (int i = 0; i < 40; i++) {
            sb.append("  <property name=\"p").append(i).append("\">").append(Long.toHexString(r.nextLong())).append("</property>\n");
        }
        return sb.append("</flow-definition>\n").toString();
    }

    private static byte[] logBlock(Random r, int size) {
        StringBuilder sb = new StringBuilder(size + 200);
        String[] words = {"core", "api", "web", "worker", "auth", "billing", "search", "ui", "cli", "storage"};
        while (sb.length() < size) {
            String w = words[r.nextInt(words.length)];
            sb.append(String.format(Locale.ROOT, LINES[r.nextInt(LINES.length)], w, r.nextInt(10000), r.nextInt(100000), r.nextInt(999)))
                    .append('\n');
        }
        return sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    /** Every 100th file: logs get a line appended, the others new content. */
    private static List<Path> changeOnePercent(List<Path> files) throws IOException {
        List<Path> changed = new ArrayList<>();
        for (int i = 0; i < files.size(); i += 100) {
            Path f = files.get(i);
            if (f.getFileName().toString().equals("log")) {
                Files.writeString(f, "Finished: SUCCESS (rerun)\n", StandardOpenOption.APPEND);
            } else {
                Files.writeString(f, Files.readString(f) + "<!-- changed -->\n");
            }
            changed.add(f);
        }
        return changed;
    }

    private static void write(Path p, String content, List<Path> files) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        if (files != null) {
            files.add(p);
        }
    }

    private static long size(Path root) throws IOException {
        long[] total = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    /** With -Dbench.verbose=true: each engine step with its time since the phase began. */
    private static io.jenkins.plugins.k8sbackup.util.ProgressListener progress(long t0) {
        return Boolean.getBoolean("bench.verbose")
                ? m -> System.out.printf(Locale.ROOT, "  +%.3f s %s%n", secs(t0), m) : null;
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
