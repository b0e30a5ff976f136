package io.jenkins.plugins.k8sbackup.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * An in-process s3proxy 4.1.0 on 127.0.0.1 (random port) with a filesystem blob store in a temporary directory
 * and one bucket. Use it as {@code @RegisterExtension S3ProxyFixture s3 = new S3ProxyFixture();} (started before
 * each test, or once per class when the field is static) or directly with {@link #start()} and {@link #close()}.
 * {@link #stop()} simulates the store dying; {@link #restart()} brings it back on the same port and data.
 */
public final class S3ProxyFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        AutoCloseable {
    public static final String IDENTITY = "local-identity";
    /** Distinctive, so that tests can assert it never shows up in a message. */
    public static final String CREDENTIAL = "local-credential-Sx9Kq2Zr7";
    public static final String BUCKET = "k8s-backups";
    public static final String REGION = "us-east-1";

    static {
        // s3proxy and the SDK log through slf4j-simple; INFO lines would drown test output.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private Path dataDir;
    private S3Proxy proxy;
    private int port;
    private boolean perClass;
    private S3Client client;

    /** Starts the proxy on a fresh data directory with {@link #BUCKET} created. */
    public S3ProxyFixture start() {
        try {
            dataDir = Files.createTempDirectory("s3proxy-");
            launch(0);
            blobStore().createContainer(BUCKET);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BlobStore blobStore() {
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        return BlobStores.create("filesystem", p);
    }

    private void launch(int wantedPort) {
        try {
            proxy = S3Proxy.builder()
                    .blobStore(blobStore())
                    .endpoint(URI.create("http://127.0.0.1:" + wantedPort))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
                    // The SDK's multipart client sends x-amz-mp-object-size, which s3proxy otherwise rejects (501).
                    .ignoreUnknownHeaders(true)
                    .stopTimeout(0)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.sleep(5);
            }
            port = proxy.getPort();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not start s3proxy", e);
        }
    }

    /** Stops serving, as if the store died. Data stays on disk. */
    public void stop() {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop s3proxy", e);
            }
            proxy = null;
        }
    }

    /** Serves the same data directory on the same port again. */
    public void restart() {
        stop();
        launch(port);
    }

    public boolean running() {
        return proxy != null;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A storage URI for {@code prefix} ("" for the bucket root; a trailing '/' is added when missing). */
    public String uri(String prefix) {
        return "s3://" + BUCKET + "/" + prefix + "?endpoint=" + endpoint() + "&region=" + REGION + "&pathStyle=true";
    }

    /** A storage URI with a prefix no other test of this proxy uses. */
    public String uniqueUri() {
        return uri("t" + PREFIXES.incrementAndGet() + "/");
    }

    public S3Credentials credentials() {
        return S3Credentials.of(IDENTITY, CREDENTIAL);
    }

    /** Creates another bucket (for tests of several locations). */
    public void createBucket(String name) {
        blobStore().createContainer(name);
    }

    /** A plain SDK client on the proxy, for looking behind the storage's back. Closed with the fixture. */
    public S3Client client() {
        if (client == null) {
            client = S3Client.builder().endpointOverride(endpoint()).region(Region.of(REGION)).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                    .build();
        }
        return client;
    }

    /** Unfinished multipart uploads in the bucket (leftovers of failed or aborted writes). */
    public List<MultipartUpload> pendingUploads() {
        return client().listMultipartUploads(b -> b.bucket(BUCKET)).uploads();
    }

    @Override
    public void close() {
        stop();
        if (client != null) {
            client.close();
            client = null;
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory
            }
            dataDir = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        } else if (!running()) {
            restart(); // a test stopped the shared proxy
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }
}
