package io.jenkins.plugins.k8sbackup.jenkins;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * s3proxy as an S3 endpoint for the JenkinsRule tests, in its own JVM: s3proxy 4.x runs Jetty 12 ee10 and needs
 * {@code jakarta.servlet-api} 6, while Jenkins core (Jetty 12 ee9) and its BOM put servlet 5.0 on this test class
 * path, so in-process it fails with {@code NoClassDefFoundError: jakarta/servlet/ServletConnection}. The self-contained
 * {@code org.gaul:s3proxy:jar-with-dependencies} that plugin/pom.xml copies to {@code target/s3proxy/s3proxy.jar}
 * (system property {@code s3proxy.jar}) brings its own servlet 6 and nothing of it reaches Jenkins' class path.
 */
final class ExternalS3Proxy implements AutoCloseable {
    static final String IDENTITY = "local-identity";
    static final String CREDENTIAL = "local-credential-Sx9Kq2Zr7";
    static final String BUCKET = "k8s-backups";
    static final String REGION = "us-east-1";

    private final Process process;
    private final Path dir;
    private final int port;
    private final S3Client client;

    private ExternalS3Proxy(Process process, Path dir, int port, S3Client client) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.client = client;
    }

    /** Starts s3proxy on a free port with a fresh filesystem store and {@link #BUCKET} created. */
    static ExternalS3Proxy start() throws IOException, InterruptedException {
        String jar = System.getProperty("s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no s3proxy jar at system property s3proxy.jar (" + jar + "): plugin/pom.xml copies "
                    + "org.gaul:s3proxy:jar-with-dependencies to target/s3proxy/s3proxy.jar; run the tests through Maven");
        }
        Path dir = Files.createTempDirectory("s3proxy-");
        Path data = Files.createDirectories(dir.resolve("data"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", IDENTITY);
        p.setProperty("s3proxy.credential", CREDENTIAL);
        // The SDK's multipart client sends x-amz-mp-object-size, which s3proxy otherwise answers with 501.
        p.setProperty("s3proxy.ignore-unknown-headers", "true");
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.identity", IDENTITY);
        p.setProperty("jclouds.credential", CREDENTIAL);
        p.setProperty("jclouds.filesystem.basedir", data.toString());
        Path properties = dir.resolve("s3proxy.properties");
        try (OutputStream out = Files.newOutputStream(properties)) {
            p.store(out, "k8s-backup JenkinsRule tests");
        }
        // Unconfigured logback logs every Jetty DEBUG line, which slows s3proxy down several times.
        Path logback = dir.resolve("logback.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d %-5level %logger{20} %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="out"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        Path log = dir.resolve("s3proxy.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + logback, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-jar", jar, "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3Client client = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.of(REGION)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                .build();
        ExternalS3Proxy proxy = new ExternalS3Proxy(process, dir, port, client);
        try {
            proxy.awaitServing(log);
            client.createBucket(b -> b.bucket(BUCKET));
            return proxy;
        } catch (IOException | InterruptedException | RuntimeException e) {
            proxy.close();
            throw e;
        }
    }

    private void awaitServing(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                client.listBuckets();
                return;
            } catch (SdkException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not answer within 120 s:\n" + Files.readString(log), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A plain SDK client on the proxy, for looking behind the steps' back. */
    S3Client client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    @Override
    public String toString() {
        return "s3proxy at " + endpoint() + " (data and log in " + dir + ")";
    }
}
