package io.jenkins.plugins.k8sbackup.ops;

import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import io.jenkins.plugins.k8sbackup.storage.S3Credentials;
import io.jenkins.plugins.k8sbackup.storage.StorageLocation;
import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS settings an explicit environment (not this JVM's) gives an S3 location: keys ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}), {@code AWS_PROFILE}, the region ({@code AWS_REGION},
 * {@code AWS_DEFAULT_REGION}) and the endpoint ({@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}), the names
 * {@code withAWS} and the AWS credentials binding set, and the proxy variables ({@link ProxySettings}). A region or
 * endpoint in the location itself wins.
 */
public final class S3Environment {
    private S3Environment() {}

    /** Only the AWS_* and proxy variables: nothing else of a build's environment travels with a storage target. */
    public static Map<String, String> relevant(Map<String, String> env) {
        Map<String, String> aws = new TreeMap<>(ProxySettings.relevant(env));
        env.forEach((k, v) -> {
            if (k.startsWith("AWS_") && v != null && !v.isBlank()) {
                aws.put(k, v);
            }
        });
        return aws;
    }

    /** Keys from the environment, else its profile, else the SDK default chain (instance role, IRSA...). */
    static S3Credentials credentials(Map<String, String> env) {
        if (env.containsKey(S3Credentials.ENV_ACCESS_KEY) || env.containsKey(S3Credentials.ENV_SECRET_KEY)) {
            return S3Credentials.fromEnvironment(env);
        }
        String profile = env.get("AWS_PROFILE");
        return profile != null ? S3Credentials.profile(profile) : S3Credentials.defaultChain();
    }

    /** {@code location} with the environment's region and endpoint where it names none. */
    static StorageLocation locate(StorageLocation location, Map<String, String> env) {
        if (!(location instanceof StorageLocation.S3 s3)) {
            return location;
        }
        String endpoint = first(env, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
        return s3.withDefaults(first(env, "AWS_REGION", "AWS_DEFAULT_REGION"),
                endpoint == null || s3.endpoint() != null ? null : StorageLocation.S3.endpoint(endpoint));
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
