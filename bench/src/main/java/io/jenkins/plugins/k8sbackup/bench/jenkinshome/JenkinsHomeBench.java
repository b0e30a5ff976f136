package io.jenkins.plugins.k8sbackup.bench.jenkinshome;

import io.jenkins.plugins.k8sbackup.bench.LoadAverage;
import io.jenkins.plugins.k8sbackup.jenkinshome.BackupMode;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsBackupOptions;
import io.jenkins.plugins.k8sbackup.jenkinshome.JenkinsHomeBackup;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * JENKINS_HOME backup, diff and restore against the tools a user has, in the same run: every step is a whole process
 * (the CLI as shipped: its launcher {@code k8s-backup} beside the jar with its default JVM settings, or
 * {@code java -jar k8s-backup.jar} where there is no launcher, against {@code tar czf},
 * {@code tar --zstd -cf}, {@code tar -g} and {@code tar xzf}), the order alternates between rounds, and the medians,
 * their ratios, the peak RSS of each process ({@code /usr/bin/time}) and the machine's cores and load are printed.
 * The home: {@code -Dfiles} files (10 per job: config.xml, nextBuildNumber, 4 builds of build.xml + log) taking
 * {@code sizeMiB} in all, mostly build logs; the diff follows a change of 1% of the files.
 *
 * <p>Usage: {@code java [-Dfiles=21000] [-Drounds=3] [-Dcli.jar=cli/target/k8s-backup.jar] -cp k8s-backup-bench.jar
 * ...JenkinsHomeBench [sizeMiB=850] [workDir=${java.io.tmpdir}/jenkins-home-bench]}
 */
public final class JenkinsHomeBench {
    private static final int FILES_PER_JOB = 10;
    private static final int BUILDS_PER_JOB = 4; // + config.xml + nextBuildNumber = 10 files per job
    /** Format arguments: 1 a module name, 2-4 numbers. */
    private static final String[] LINES = {
        "[INFO] Building module %1$s %2$d/%3$d", "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/%1$s/%2$d",
        "[WARNING] %1$s is deprecated, see https://example.org/%3$x", "+ sh ./gradlew test --tests %1$s -Pbuild=%2$d",
        "    at org.example.%1$s.Run(Run.java:%4$d)", "[Pipeline] { (Stage %1$s) %2$d", "Tests run: %2$d, Failures: 0, Errors: 0, Skipped: %4$d",
        "%1$s: compiled %2$d sources in %3$d ms"};

    private JenkinsHomeBench() {}

    /** One timed process: wall seconds, CPU seconds (user + system) and peak RSS in KiB. */
    private record Run(double secs, double cpuSecs, long maxRssKiB) {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("-")) {
            System.out.println("JenkinsHomeBench [sizeMiB=850] [workDir]  (-Dfiles=21000 -Drounds=3 -Dcli.jar=cli/target/k8s-backup.jar)");
            return;
        }
        int sizeMiB = args.length > 0 ? Integer.parseInt(args[0]) : 850;
        Path work = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir") + "/jenkins-home-bench");
        int fileCount = Integer.getInteger("files", 21000);
        int rounds = Integer.getInteger("rounds", 3);
        Path cli = Path.of(System.getProperty("cli.jar", "cli/target/k8s-backup.jar")).toAbsolutePath();
        if (!Files.isRegularFile(cli)) {
            throw new IllegalArgumentException(cli + " not found: build the CLI (mvn -pl cli -am package) or set -Dcli.jar");
        }
        delete(work);
        Path home = work.resolve("home");
        int jobs = Math.max(2, fileCount / FILES_PER_JOB);
        long logBytes = (long) sizeMiB * (1 << 20) / (jobs * (long) BUILDS_PER_JOB);
        long t0 = System.nanoTime();
        List<Path> files = generate(home, jobs, (int) logBytes);
        System.out.printf(Locale.ROOT, "home: %d jobs, %d files, %.1f MiB (generated in %.1f s) at %s%n", jobs, files.size(),
                size(home) / 1048576.0, secs(t0), home);
        System.out.printf(Locale.ROOT, "machine: %d cores (availableProcessors), load average at start %s; files in the page cache%n",
                Runtime.getRuntime().availableProcessors(), LoadAverage.now());
        System.out.println("k8s-backup runs as: " + String.join(" ", cli(cli)));

        Map<String, List<Run>> runs = new LinkedHashMap<>();
        String h = home.toString();
        for (int r = 0; r < rounds; r++) {
            Path round = work.resolve("round-" + r);
            Files.createDirectories(round);
            String store = round.resolve("store").toString();
            Path tgz = round.resolve("home.tgz");
            List<Step> full = List.of(
                    new Step("tar czf", List.of("tar", "czf", tgz.toString(), "-C", h, ".")),
                    new Step("tar --zstd -cf", List.of("tar", "--zstd", "-cf", round.resolve("home.tar.zst").toString(), "-C", h, ".")),
                    new Step("full backup", cli(cli, "jenkins-backup", "--home", h, "--storage", store, "--mode", "full",
                            "--name", "full", "--include-builds")));
            runAll(rotate(full, r), round, runs);
            // tar's level-0 snapshot, untimed: with /dev/null as archive GNU tar records the metadata without reading
            Path snapshot = round.resolve("tar.snar");
            exec(List.of("tar", "-g", snapshot.toString(), "-cf", "/dev/null", "-C", h, "."), round, null);

            List<Path> changed = changeOnePercent(files, r);
            List<Step> diff = List.of(
                    new Step("tar -g (incremental, zstd)", List.of("tar", "--zstd", "-g", snapshot.toString(), "-cf",
                            round.resolve("incr.tar.zst").toString(), "-C", h, ".")),
                    new Step("diff backup (1% changed)", cli(cli, "jenkins-backup", "--home", h, "--storage", store,
                            "--mode", "diff", "--name", "diff", "--include-builds")),
                    new Step("diff --rehash-all", cli(cli, "jenkins-backup", "--home", h, "--storage", store,
                            "--mode", "diff", "--name", "diff-rehash", "--include-builds", "--rehash-all")));
            runAll(rotate(diff, r), round, runs);
            expectStored(round.resolve("store"), changed.size());

            List<Step> restore = List.of(
                    new Step("tar xzf", List.of("tar", "xzf", tgz.toString(), "-C", mkdir(round.resolve("untarred")))),
                    new Step("restore full+diff", cli(cli, "jenkins-restore", "diff", "--storage", store,
                            "--target", round.resolve("restored").toString())));
            runAll(rotate(restore, r), round, runs);
            delete(round);
        }
        System.out.printf(Locale.ROOT, "%nmedians of %d rounds (order rotated each round), load average at end %s:%n", rounds, LoadAverage.now());
        runs.forEach((name, list) -> System.out.printf(Locale.ROOT, "  %-28s %7.2f s  (min %6.2f, max %6.2f)  CPU %6.2f s  peak RSS %6.1f MiB%n",
                name, median(list, Run::secs), min(list), max(list), median(list, Run::cpuSecs), median(list, x -> x.maxRssKiB() / 1024.0)));
        inOneJvm(home, files, work, rounds, runs.size());
        double full = median(runs.get("full backup"), Run::secs);
        System.out.printf(Locale.ROOT, "%nratios (of medians):%n");
        System.out.printf(Locale.ROOT, "  full / tar --zstd -cf        %5.2f  (target <= 1.5)%n", full / median(runs.get("tar --zstd -cf"), Run::secs));
        System.out.printf(Locale.ROOT, "  full / tar czf               %5.2f%n", full / median(runs.get("tar czf"), Run::secs));
        System.out.printf(Locale.ROOT, "  full / diff (1%% changed)     %5.1f  (target >= 10)%n", full / median(runs.get("diff backup (1% changed)"), Run::secs));
        System.out.printf(Locale.ROOT, "  full / diff --rehash-all     %5.1f%n", full / median(runs.get("diff --rehash-all"), Run::secs));
        System.out.printf(Locale.ROOT, "  diff / tar -g                %5.2f%n", median(runs.get("diff backup (1% changed)"), Run::secs)
                / median(runs.get("tar -g (incremental, zstd)"), Run::secs));
        System.out.printf(Locale.ROOT, "  restore / tar xzf            %5.2f  (target <= 1.2)%n", median(runs.get("restore full+diff"), Run::secs)
                / median(runs.get("tar xzf"), Run::secs));
        double rss = 0;
        for (String step : List.of("full backup", "diff backup (1% changed)", "diff --rehash-all", "restore full+diff")) {
            rss = Math.max(rss, runs.get(step).stream().mapToLong(Run::maxRssKiB).max().orElse(0) / 1024.0);
        }
        System.out.printf(Locale.ROOT, "  peak RSS of any k8s-backup run %5.1f MiB  (target <= 256)%n", rss);
    }

    /**
     * Engine level, as the plugin runs it in a long-lived JVM: full and diff alternate in this process after one
     * uncounted warm-up pair, so the ratio shows the work itself without JVM start-up and JIT warm-up.
     */
    private static void inOneJvm(Path home, List<Path> files, Path work, int rounds, int marker) throws IOException {
        SelectionSpec withBuilds = new SelectionSpec(true, null, null, false, List.of(), List.of());
        List<Run> fulls = new ArrayList<>();
        List<Run> diffs = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) {
            LocalDirectoryStorage storage = new LocalDirectoryStorage(work.resolve("jvm-store-" + r));
            long t0 = System.nanoTime();
            double c0 = processCpuSecs();
            JenkinsHomeBackup.run(JenkinsBackupOptions.builder(home).name("full").mode(BackupMode.FULL).selection(withBuilds).build(), storage, null);
            Run full = new Run(secs(t0), processCpuSecs() - c0, 0);
            changeOnePercent(files, 50 + marker + r);
            t0 = System.nanoTime();
            c0 = processCpuSecs();
            JenkinsHomeBackup.run(JenkinsBackupOptions.builder(home).name("diff").mode(BackupMode.DIFF).selection(withBuilds).build(), storage, null);
            Run diff = new Run(secs(t0), processCpuSecs() - c0, 0);
            delete(work.resolve("jvm-store-" + r));
            System.out.printf(Locale.ROOT, "  %s full %6.2f s (CPU %5.2f s), diff %5.2f s (CPU %5.2f s)  load %s%n", r == 0 ? "warm-up" : "round  ",
                    full.secs(), full.cpuSecs(), diff.secs(), diff.cpuSecs(), LoadAverage.now());
            if (r > 0) {
                fulls.add(full);
                diffs.add(diff);
            }
        }
        double f = median(fulls, Run::secs);
        double d = median(diffs, Run::secs);
        System.out.printf(Locale.ROOT, "%nin one JVM (engine level, as the plugin runs it; %d rounds after a warm-up pair):%n", rounds);
        System.out.printf(Locale.ROOT, "  full backup %7.2f s, diff (1%% changed) %6.2f s: full / diff %5.1f  (target >= 10)%n", f, d, f / d);
        System.out.printf(Locale.ROOT, "  CPU (whole process): full %6.2f s, diff %5.2f s: full / diff %5.1f%n", median(fulls, Run::cpuSecs),
                median(diffs, Run::cpuSecs), median(fulls, Run::cpuSecs) / median(diffs, Run::cpuSecs));
    }

    private record Step(String name, List<String> command) {}

    private static double processCpuSecs() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** The launcher beside the jar, as a user runs the CLI, else the jar on this JVM. */
    private static List<String> cli(Path jar, String... args) {
        Path launcher = jar.resolveSibling("k8s-backup");
        List<String> c = new ArrayList<>(Files.isExecutable(launcher) ? List.of(launcher.toString())
                : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        c.addAll(List.of(args));
        return c;
    }

    private static <T> List<T> rotate(List<T> steps, int by) {
        List<T> out = new ArrayList<>(steps);
        java.util.Collections.rotate(out, -by);
        return out;
    }

    private static void runAll(List<Step> steps, Path round, Map<String, List<Run>> runs) throws Exception {
        for (Step s : steps) {
            Run run = exec(s.command(), round, s.name());
            runs.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(run);
            System.out.printf(Locale.ROOT, "  %-28s %7.2f s  CPU %6.2f s  peak RSS %6.1f MiB  load %s%n", s.name(), run.secs(),
                    run.cpuSecs(), run.maxRssKiB() / 1024.0, LoadAverage.now());
        }
    }

    /** Runs one whole process under /usr/bin/time; fails the bench when it fails (exit code 0 only). */
    private static Run exec(List<String> command, Path dir, String name) throws Exception {
        Path times = dir.resolve("time.txt");
        List<String> c = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", times.toString()));
        c.addAll(command);
        Path log = dir.resolve("out.txt");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        double secs = secs(t0);
        if (rc != 0) {
            throw new IllegalStateException((name == null ? command.toString() : name) + " exited " + rc + ":\n"
                    + Files.readString(log));
        }
        String[] t = Files.readAllLines(times).get(0).trim().split(" ");
        return new Run(secs, Double.parseDouble(t[1]) + Double.parseDouble(t[2]), Long.parseLong(t[0]));
    }

    /** Both diffs must have stored exactly the changed files (a wrong diff would be a fast one). */
    private static void expectStored(Path store, int changed) throws IOException {
        for (String name : List.of("diff", "diff-rehash")) {
            String manifest = Files.readString(store.resolve("jenkins/" + name + "/manifest.json"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"objectCount\"\\s*:\\s*(\\d+)").matcher(manifest);
            String stored = m.find() ? m.group(1) : "?";
            if (!stored.equals(Integer.toString(changed))) {
                throw new IllegalStateException(name + " stored " + stored + " files, expected " + changed);
            }
        }
    }

    private static String mkdir(Path dir) throws IOException {
        return Files.createDirectories(dir).toString();
    }


    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<Run> runs) {
        return runs.stream().mapToDouble(Run::secs).min().orElse(0);
    }

    private static double max(List<Run> runs) {
        return runs.stream().mapToDouble(Run::secs).max().orElse(0);
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

    /** Every 100th file (shifted each round): logs get a line appended, the others new content. */
    private static List<Path> changeOnePercent(List<Path> files, int round) throws IOException {
        List<Path> changed = new ArrayList<>();
        for (int i = round % 100; i < files.size(); i += 100) {
            Path f = files.get(i);
            if (f.getFileName().toString().equals("log")) {
                Files.writeString(f, "Finished: SUCCESS (rerun " + round + ")\n", StandardOpenOption.APPEND);
            } else {
                Files.writeString(f, Files.readString(f) + "<!-- changed " + round + " -->\n");
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
