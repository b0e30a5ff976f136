package io.jenkins.plugins.k8sbackup.etcd;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where and how to reach etcd. {@code tls} and {@code user} are optional (null); {@code timeout} bounds
 * connecting and every call, so an unreachable endpoint fails fast instead of hanging a build.
 * {@link #toString()} never shows the password.
 */
public record EtcdConnection(List<URI> endpoints, EtcdTls tls, String user, String password, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public EtcdConnection {
        if (endpoints == null || endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one etcd endpoint is required, e.g. https://10.0.0.10:2379");
        }
        for (URI e : endpoints) {
            if (!"http".equals(e.getScheme()) && !"https".equals(e.getScheme()) || e.getHost() == null || e.getPort() < 0) {
                throw new IllegalArgumentException("etcd endpoint '" + e + "' must look like https://host:2379 or http://host:2379");
            }
        }
        endpoints = List.copyOf(endpoints);
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("etcd authentication needs both a user and a password");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** Parses "https://a:2379,https://b:2379". */
    public static EtcdConnection of(String endpoints) {
        return new EtcdConnection(parseEndpoints(endpoints), null, null, null, null);
    }

    public static List<URI> parseEndpoints(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            throw new IllegalArgumentException("at least one etcd endpoint is required, e.g. https://10.0.0.10:2379");
        }
        return java.util.Arrays.stream(commaSeparated.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(URI::create).toList();
    }

    public EtcdConnection withTls(EtcdTls newTls) {
        return new EtcdConnection(endpoints, newTls, user, password, timeout);
    }

    public EtcdConnection withAuth(String newUser, String newPassword) {
        return new EtcdConnection(endpoints, tls, newUser, newPassword, timeout);
    }

    public EtcdConnection withTimeout(Duration newTimeout) {
        return new EtcdConnection(endpoints, tls, user, password, newTimeout);
    }

    boolean usesTls() {
        return endpoints.stream().anyMatch(e -> "https".equals(e.getScheme()));
    }

    @Override
    public String toString() {
        return "EtcdConnection" + endpoints + (tls != null ? " " + tls : "") + (user != null ? " user=" + user : "");
    }
}
