package io.jenkins.plugins.k8sbackup.storage;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Where S3 credentials come from: an explicit key pair (optionally with a session token), the
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} environment variables, or the SDK's default chain.
 * The secret is held only to build the SDK provider; {@link #toString()} and {@link #describe()} never show it.
 */
public final class S3Credentials {
    public static final String ENV_ACCESS_KEY = "AWS_ACCESS_KEY_ID";
    public static final String ENV_SECRET_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String ENV_SESSION_TOKEN = "AWS_SESSION_TOKEN";

    private final String source;
    private final String accessKeyId;
    private final AwsCredentialsProvider provider;

    private S3Credentials(String source, String accessKeyId, AwsCredentialsProvider provider) {
        this.source = source;
        this.accessKeyId = accessKeyId;
        this.provider = provider;
    }

    public static S3Credentials of(String accessKeyId, String secretKey) {
        return of(accessKeyId, secretKey, null);
    }

    /** An explicit key pair; {@code sessionToken} may be null. */
    public static S3Credentials of(String accessKeyId, String secretKey, String sessionToken) {
        return explicit("explicit key", accessKeyId, secretKey, sessionToken);
    }

    /** The standard AWS environment variables; missing ones give a clear error. */
    public static S3Credentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The same variables read from {@code env}, e.g. a Jenkins build's environment rather than this JVM's. */
    public static S3Credentials fromEnvironment(Map<String, String> env) {
        String id = env.get(ENV_ACCESS_KEY);
        String secret = env.get(ENV_SECRET_KEY);
        if (isBlank(id) || isBlank(secret)) {
            throw new IllegalArgumentException("S3 credentials from the environment need both " + ENV_ACCESS_KEY
                    + " and " + ENV_SECRET_KEY + "; " + (isBlank(id) ? ENV_ACCESS_KEY : ENV_SECRET_KEY) + " is not set");
        }
        return explicit("environment", id, secret, env.get(ENV_SESSION_TOKEN));
    }

    /**
     * The SDK default chain: system properties, environment, web identity token, shared profile
     * ({@code ~/.aws/credentials}, {@code AWS_PROFILE}), container and instance credentials. Resolved lazily, on
     * the first request.
     */
    public static S3Credentials defaultChain() {
        return new S3Credentials("default chain", null, DefaultCredentialsProvider.builder().build());
    }

    /** A named profile of the shared AWS files ({@code ~/.aws/credentials}, {@code ~/.aws/config}), resolved lazily. */
    public static S3Credentials profile(String name) {
        return new S3Credentials("profile " + name, null, ProfileCredentialsProvider.builder().profileName(name).build());
    }

    private static S3Credentials explicit(String source, String id, String secret, String token) {
        if (isBlank(id) || isBlank(secret)) {
            throw new IllegalArgumentException("S3 credentials (" + source + ") need both an access key id and a secret key");
        }
        var credentials = isBlank(token)
                ? AwsBasicCredentials.create(id.strip(), secret.strip())
                : AwsSessionCredentials.create(id.strip(), secret.strip(), token.strip());
        return new S3Credentials(source, id.strip(), StaticCredentialsProvider.create(credentials));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    public AwsCredentialsProvider provider() {
        return provider;
    }

    /** The access key id when it is known up front (explicit or environment), else null. Not a secret. */
    public String accessKeyId() {
        return accessKeyId;
    }

    /** e.g. "explicit key AKIA..." or "default chain", for messages. */
    public String describe() {
        return accessKeyId == null ? source : source + " " + accessKeyId;
    }

    @Override
    public String toString() {
        return "S3Credentials[" + describe() + "]";
    }
}
