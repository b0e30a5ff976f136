package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.storage.S3ProxyFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** jenkins-backup and jenkins-restore through the real CLI, on S3 (s3proxy), with the AWS default chain. */
class JenkinsHomeCliTest {
    @TempDir
    Path dir;
    final S3ProxyFixture s3 = new S3ProxyFixture();
    String err = "";
    Path home;

    @BeforeEach
    void setUp() throws Exception {
        s3.start();
        System.setProperty("aws.accessKeyId", S3ProxyFixture.IDENTITY);
        System.setProperty("aws.secretAccessKey", S3ProxyFixture.CREDENTIAL);
        home = dir.resolve("home");
        write("config.xml", "<hudson/>");
        write("credentials.xml", "<credentials/>");
        write("jobs/deploy/config.xml", "<flow-definition/>");
        write("users/admin_1/config.xml", "<user/>");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        s3.close();
    }

    private void write(String rel, String content) throws Exception {
        Path p = home.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** The jenkins-* commands print their JSON to System.out and messages to System.err. */
    private int run(String... args) {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            return Main.commandLine().execute(args);
        } finally {
            System.setErr(original);
            err = stderr.toString(StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void backsUpAndRestoresJenkinsHomeOnS3() throws Exception {
        String uri = s3.uniqueUri();
        Path target = dir.resolve("restored");

        assertThat(run("jenkins-backup", "--home", home.toString(), "--storage", uri, "--name", "h1")).isEqualTo(0);
        assertThat(run("jenkins-restore", "h1", "--storage", uri, "--target", target.toString())).isEqualTo(0);

        Map<String, String> restored = tree(target);
        restored.remove("plugins.txt");
        assertThat(restored).isEqualTo(tree(home));
    }

    @Test
    void aDamagedArchiveOnS3ExitsOneAndLeavesTheTargetAsItWas() throws Exception {
        String uri = s3.uniqueUri();
        assertThat(run("jenkins-backup", "--home", home.toString(), "--storage", uri, "--name", "h1")).isEqualTo(0);
        String prefix = uri.substring(uri.indexOf(S3ProxyFixture.BUCKET) + S3ProxyFixture.BUCKET.length() + 1).split("\\?")[0];
        S3Object archive = s3.client().listObjectsV2(ListObjectsV2Request.builder().bucket(S3ProxyFixture.BUCKET)
                .prefix(prefix).build()).contents().stream().filter(o -> o.key().endsWith("home.tar.zst")).findFirst().orElseThrow();
        byte[] bytes = s3.client().getObjectAsBytes(b -> b.bucket(S3ProxyFixture.BUCKET).key(archive.key())).asByteArray();
        s3.client().putObject(b -> b.bucket(S3ProxyFixture.BUCKET).key(archive.key()),
                RequestBody.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length / 2)));
        Path target = dir.resolve("restored");
        Files.createDirectories(target);
        Files.writeString(target.resolve("config.xml"), "<mine/>");

        assertThat(run("jenkins-restore", "h1", "--storage", uri, "--target", target.toString())).isEqualTo(1);
        assertThat(err).contains("refusing to restore backup h1: archive jenkins/h1/home.tar.zst cannot be read")
                .contains("nothing in " + target.toRealPath() + " was changed");

        assertThat(tree(target)).isEqualTo(Map.of("config.xml", "<mine/>"));
        try (Stream<Path> s = Files.list(target)) {
            assertThat(s).hasSize(1); // no staging directory left
        }
    }
}
