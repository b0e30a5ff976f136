package io.jenkins.plugins.k8sbackup.proxy;

import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The HTTP proxies an environment names ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}, upper or lower
 * case, the upper-case name winning when both are set), so that the Kubernetes and S3 clients use the proxy of the
 * environment a run belongs to: a Jenkins build's (which the agent JVM never sees) or the CLI's process. A target is
 * reached through {@code HTTPS_PROXY} for https, {@code HTTP_PROXY} for http, directly when {@code NO_PROXY} matches
 * it or no proxy is set. Credentials in a proxy URL are kept apart and never shown ({@link ProxyAddress}).
 */
public final class ProxySettings implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The variables read, in both spellings. */
    public static final Set<String> VARIABLES = Set.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy",
            "NO_PROXY", "no_proxy");
    private static final ProxySettings NONE = new ProxySettings(null, null, NoProxy.parse(null));

    private final ProxyAddress https;
    private final ProxyAddress http;
    private final NoProxy noProxy;

    private ProxySettings(ProxyAddress https, ProxyAddress http, NoProxy noProxy) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
    }

    public static ProxySettings none() {
        return NONE;
    }

    /** The CLI's: this process' environment. */
    public static ProxySettings fromProcess() {
        return fromEnvironment(System.getenv());
    }

    /**
     * @throws IllegalArgumentException naming the variable when a proxy URL cannot be used (credentials masked)
     */
    public static ProxySettings fromEnvironment(Map<String, String> env) {
        return new ProxySettings(address(env, "HTTPS_PROXY"), address(env, "HTTP_PROXY"),
                NoProxy.parse(value(env, "NO_PROXY")));
    }

    /** Only the proxy variables of {@code env}: what has to travel with a target to another machine. */
    public static Map<String, String> relevant(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((k, v) -> {
            if (VARIABLES.contains(k) && v != null && !v.isBlank()) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The passwords in {@code env}'s proxy URLs, for masking; values that are no proxy URL are skipped. */
    public static List<String> passwords(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        relevant(env).forEach((name, value) -> {
            if (!name.equalsIgnoreCase("NO_PROXY")) {
                try {
                    String password = ProxyAddress.parse(name, value).password();
                    if (password != null && !password.isEmpty()) {
                        out.add(password);
                    }
                } catch (IllegalArgumentException notAProxy) {
                    // reported where the proxy is used; nothing to mask
                }
            }
        });
        return out;
    }

    /** The proxy for {@code target} (by its scheme; none means https), or empty to connect directly. */
    public Optional<ProxyAddress> forTarget(URI target) {
        String scheme = target.getScheme() == null ? "https" : target.getScheme().toLowerCase(Locale.ROOT);
        ProxyAddress proxy = scheme.equals("http") ? http : https;
        if (proxy == null || (target.getHost() != null && noProxy.bypasses(target.getHost()))) {
            return Optional.empty();
        }
        return Optional.of(proxy);
    }

    public NoProxy noProxy() {
        return noProxy;
    }

    public boolean isEmpty() {
        return https == null && http == null;
    }

    private static ProxyAddress address(Map<String, String> env, String upper) {
        String name = set(env, upper);
        return name == null ? null : ProxyAddress.parse(name, env.get(name));
    }

    private static String value(Map<String, String> env, String upper) {
        String name = set(env, upper);
        return name == null ? null : env.get(name);
    }

    /** Which spelling of the variable is set, the upper-case one first; null: neither. */
    private static String set(Map<String, String> env, String upper) {
        for (String name : new String[] {upper, upper.toLowerCase(Locale.ROOT)}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return name;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return isEmpty() ? "no proxy" : "proxies[https=" + https + ", http=" + http + ", no_proxy=" + noProxy + "]";
    }
}
