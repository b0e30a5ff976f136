package io.jenkins.plugins.k8sbackup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Opening a location that cannot work must say why, and never print the secret key. */
class S3StorageErrorsTest {
    private static final String WRONG_SECRET = "wrong-secret-Qm4Tz8Lp1";

    @RegisterExtension
    static final S3ProxyFixture S3 = new S3ProxyFixture();

    private static String uri(String bucket, String endpoint) {
        return "s3://" + bucket + "/p?endpoint=" + endpoint + "&region=us-east-1&pathStyle=true";
    }

    /** Message, causes and stack trace text: everything a log could show. */
    private static String everything(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static void assertNoSecret(Throwable t) {
        assertThat(everything(t)).doesNotContain(S3ProxyFixture.CREDENTIAL).doesNotContain(WRONG_SECRET);
    }

    @Test
    void missingBucket() {
        Throwable e = catchOpen(uri("no-such-bucket", S3.endpoint().toString()), S3.credentials());
        assertThat(e).isInstanceOf(StorageException.class)
                .hasMessage("bucket 'no-such-bucket' does not exist at " + S3.endpoint()
                        + ": create it first or fix the storage URI");
        assertNoSecret(e);
    }

    @Test
    void wrongSecretKey() {
        Throwable e = catchOpen(S3.uniqueUri(), S3Credentials.of(S3ProxyFixture.IDENTITY, WRONG_SECRET));
        assertThat(e).isInstanceOf(StorageException.class)
                .hasMessageStartingWith("access denied to bucket '" + S3ProxyFixture.BUCKET + "' at " + S3.endpoint())
                .hasMessageContaining("explicit key " + S3ProxyFixture.IDENTITY)
                .hasMessageContaining("check the access key and secret key");
        assertNoSecret(e);
    }

    @Test
    void unknownAccessKey() {
        Throwable e = catchOpen(S3.uniqueUri(), S3Credentials.of("nobody", S3ProxyFixture.CREDENTIAL));
        assertThat(e).isInstanceOf(StorageException.class).hasMessageContaining("access denied")
                .hasMessageContaining("check the access key");
        assertNoSecret(e);
    }

    @Test
    void unreachableEndpoint() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long start = System.nanoTime();
        Throwable e = catchOpen(uri("k8s-backups", "http://127.0.0.1:" + closedPort), S3.credentials());
        assertThat(e).isInstanceOf(StorageException.class)
                .hasMessageStartingWith("cannot reach S3 endpoint http://127.0.0.1:" + closedPort);
        assertNoSecret(e);
        assertThat(System.nanoTime() - start).as("fails fast").isLessThan(15_000_000_000L);
    }

    @Test
    void badUriIsAnIllegalArgument() {
        assertThatThrownBy(() -> StorageFactory.open("s3://bucket/p?secret=x", S3.credentials()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown query parameter 'secret'");
        Throwable e = catchOpen("s3://" + S3ProxyFixture.IDENTITY + ":" + WRONG_SECRET + "@bucket/p", S3.credentials());
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contains credentials");
        assertNoSecret(e);
    }

    @Test
    void credentialsFromEnvironmentWork() throws IOException {
        S3Credentials env = S3Credentials.fromEnvironment(Map.of(
                S3Credentials.ENV_ACCESS_KEY, S3ProxyFixture.IDENTITY, S3Credentials.ENV_SECRET_KEY, S3ProxyFixture.CREDENTIAL));
        try (BackupStorage s = StorageFactory.open(S3.uniqueUri(), env)) {
            s.write("x", new byte[] {1});
            assertThat(s.read("x")).containsExactly(1);
        }
        assertThat(env.toString()).isEqualTo("S3Credentials[environment " + S3ProxyFixture.IDENTITY + "]");
    }

    @Test
    void credentialsFromTheDefaultChainWork() throws IOException {
        // The chain's first source is the aws.accessKeyId / aws.secretAccessKey system properties.
        System.setProperty("aws.accessKeyId", S3ProxyFixture.IDENTITY);
        System.setProperty("aws.secretAccessKey", S3ProxyFixture.CREDENTIAL);
        try (BackupStorage s = StorageFactory.open(S3.uniqueUri(), null)) {
            s.write("x", new byte[] {2});
            assertThat(s.read("x")).containsExactly(2);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void missingEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> S3Credentials.fromEnvironment(Map.of(S3Credentials.ENV_ACCESS_KEY, "id")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY is not set");
        assertThatThrownBy(() -> S3Credentials.fromEnvironment(Map.of()))
                .hasMessageContaining("AWS_ACCESS_KEY_ID is not set");
        assertThatThrownBy(() -> S3Credentials.of("id", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsNeverPrintTheSecret() {
        S3Credentials c = S3Credentials.of("AKIDEXAMPLE", WRONG_SECRET, "token-xyz");
        assertThat(c.toString()).contains("AKIDEXAMPLE").doesNotContain(WRONG_SECRET).doesNotContain("token-xyz");
        assertThat(c.provider().toString()).doesNotContain(WRONG_SECRET);
        assertThat(c.provider().resolveCredentials()).isInstanceOfSatisfying(AwsSessionCredentials.class,
                s -> assertThat(s.sessionToken()).isEqualTo("token-xyz"));
        assertThat(S3Credentials.defaultChain().toString()).isEqualTo("S3Credentials[default chain]");
    }

    private static Throwable catchOpen(String uri, S3Credentials credentials) {
        try (BackupStorage s = StorageFactory.open(uri, credentials)) {
            throw new AssertionError("opened " + s.describe());
        } catch (IOException | IllegalArgumentException e) {
            return e;
        }
    }
}
