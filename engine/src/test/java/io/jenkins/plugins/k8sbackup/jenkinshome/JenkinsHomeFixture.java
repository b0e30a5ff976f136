package io.jenkins.plugins.k8sbackup.jenkinshome;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import io.jenkins.plugins.k8sbackup.util.Sha256;

/** A realistic JENKINS_HOME: nested folders, builds with a large log, secrets, users, nodes, plugins, clutter. */
final class JenkinsHomeFixture {
    static final String SECRET = "S3CRET-TOKEN-4242-do-not-leak";
    static final String MASTER_KEY = "MASTERKEY-f00dfeedcafebabe-0123456789";
    static final int BIG_LOG_BYTES = 5 << 20;

    private JenkinsHomeFixture() {}

    static Path create(Path home) throws IOException {
        write(home, "config.xml", "<hudson><version>2.528.3</version></hudson>");
        write(home, "credentials.xml", "<credentials><secret>" + SECRET + "</secret></credentials>");
        write(home, "hudson.tasks.Maven.xml", "<maven/>");
        write(home, "secret.key", "legacy-secret-key");
        write(home, "identity.key.enc", "encrypted-identity");
        write(home, ".owner", "12345");
        write(home, "secrets/master.key", MASTER_KEY);
        writeBytes(home, "secrets/hudson.util.Secret", random(256, 1));
        write(home, "secrets/initialAdminPassword", "admin-pass");
        job(home, "jobs/alpha", 3);
        write(home, "jobs/alpha/workspace/config.xml", "<old-layout-workspace/>");
        write(home, "jobs/folder/config.xml", "<com.cloudbees.hudson.plugins.folder.Folder/>");
        job(home, "jobs/folder/jobs/inner", 2);
        job(home, "jobs/folder/jobs/inner2/jobs/deep", 1);
        job(home, "jobs/builds", 1); // a job named "builds" is a job, not build records
        bigLog(home.resolve("jobs/alpha/builds/3/log"));
        Files.createSymbolicLink(home.resolve("jobs/alpha/builds/lastSuccessfulBuild"), Path.of("3"));
        write(home, "users/users.xml", "<users/>");
        write(home, "users/admin_123/config.xml", "<user><id>admin</id></user>");
        write(home, "nodes/agent-1/config.xml", "<slave><name>agent-1</name></slave>");
        write(home, "userContent/readme.txt", "hello");
        plugin(home.resolve("plugins/git.jpi"), "git", "5.2.1");
        plugin(home.resolve("plugins/credentials.hpi"), "credentials", "1415.v831096eb_5534 (private-04/01/2026-ci)");
        write(home, "plugins/git/WEB-INF/lib/git.jar", "exploded");
        write(home, "plugins/workflow-job/META-INF/MANIFEST.MF",
                "Manifest-Version: 1.0\nShort-Name: workflow-job\nPlugin-Version: 1540.v295eccc9778f\n\n");
        write(home, "workspace/alpha/src/Main.java", "class Main {}");
        write(home, "caches/git-123/HEAD", "ref");
        write(home, "logs/tasks/Fingerprint cleanup.log", "log");
        write(home, "war/index.jsp", "war");
        write(home, "tools/jdk/bin/java", "tool");
        write(home, "fingerprints/ab/cd/0123.xml", "<fingerprint/>");
        return home;
    }

    static void job(Path home, String dir, int builds) throws IOException {
        write(home, dir + "/config.xml", "<flow-definition><description>" + dir + "</description></flow-definition>");
        write(home, dir + "/nextBuildNumber", Integer.toString(builds + 1));
        for (int b = 1; b <= builds; b++) {
            write(home, dir + "/builds/" + b + "/build.xml", "<run><number>" + b + "</number></run>");
            write(home, dir + "/builds/" + b + "/log", "Started by user admin\nbuild " + b + " of " + dir + "\nFinished: SUCCESS\n");
        }
        write(home, dir + "/builds/legacyIds", "");
    }

    static void bigLog(Path file) throws IOException {
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < BIG_LOG_BYTES) {
            sb.append("[INFO] ").append(Long.toHexString(r.nextLong())).append(" compiling module ").append(r.nextInt(500)).append('\n');
        }
        Files.writeString(file, sb.substring(0, BIG_LOG_BYTES));
    }

    static void plugin(Path jpi, String name, String version) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Short-Name", name);
        m.getMainAttributes().putValue("Plugin-Version", version);
        Files.createDirectories(jpi.getParent());
        try (OutputStream out = Files.newOutputStream(jpi); JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.flush();
        }
    }

    static void write(Path home, String rel, String content) throws IOException {
        writeBytes(home, rel, content.getBytes(StandardCharsets.UTF_8));
    }

    static void writeBytes(Path home, String rel, byte[] content) throws IOException {
        Path p = home.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void age(Path file, Duration by) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(by)));
    }

    /** What a default backup (with or without builds) must contain: the test's own statement of the rules. */
    static Predicate<String> expected(boolean builds) {
        return rel -> {
            if (rel.equals("secrets/master.key") || rel.equals(".owner") || rel.equals("plugins.txt")) {
                return false;
            }
            for (String never : new String[] {"workspace/", "caches/", "logs/", "war/", "tools/", "fingerprints/", "plugins/"}) {
                if (rel.startsWith(never)) {
                    return false;
                }
            }
            if (rel.contains("/workspace/")) {
                return false;
            }
            boolean inBuilds = rel.matches("jobs/.*[^/]/builds/.*");
            return builds || !inBuilds;
        };
    }

    /** Regular files (no symlinks) and their sha256, like `diff -r` would compare them. */
    static Map<String, String> tree(Path root, Predicate<String> filter) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = root.relativize(file).toString();
                if (attrs.isRegularFile() && filter.test(rel)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        out.put(rel, Sha256.hex(in.readAllBytes()));
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    /** Asserts byte equality file by file (Files.mismatch), after the trees list the same paths. */
    static void assertSameBytes(Path a, Path b, Iterable<String> paths) throws IOException {
        for (String rel : paths) {
            long m = Files.mismatch(a.resolve(rel), b.resolve(rel));
            if (m != -1) {
                throw new AssertionError(rel + " differs at byte " + m);
            }
        }
    }
}
