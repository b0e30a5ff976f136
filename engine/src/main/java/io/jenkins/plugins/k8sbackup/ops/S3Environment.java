package io.jenkins.plugins.k8sbackup.ops;

import io.jenkins.plugins.k8sbackup.proxy.ProxySettings;
import io.jenkins.plugins.k8sbackup.storage.S3Credentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    /** {@code uri} with the environment's region and endpoint added where the location names none. */
    static String locate(String uri, Map<String, String> env) {
        if (!uri.startsWith("s3://")) {
            return uri;
        }
        String located = uri;
        String query = uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "";
        String region = first(env, "AWS_REGION", "AWS_DEFAULT_REGION");
        if (region != null && !hasParameter(query, "region")) {
            located = append(located, "region", region);
        }
        String endpoint = first(env, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
        if (endpoint != null && !hasParameter(query, "endpoint")) {
            located = append(located, "endpoint", endpoint);
        }
        return located;
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

    private static boolean hasParameter(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.equals(name) || pair.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }

    private static String append(String uri, String name, String value) {
        return uri + (uri.contains("?") ? "&" : "?") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
