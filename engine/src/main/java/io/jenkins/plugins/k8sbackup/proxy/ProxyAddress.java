package io.jenkins.plugins.k8sbackup.proxy;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP proxy as a proxy variable names it ({@code http://user:password@host:port}), split so that the address
 * can be shown and handed to clients while the credentials never appear in {@link #toString()} or in an error.
 */
public record ProxyAddress(String variable, String host, int port, String username, String password) implements Serializable {

    /**
     * Parses {@code value} of {@code variable}; a value without scheme means {@code http://}, a missing port 80.
     *
     * @throws IllegalArgumentException naming the variable (never the credentials) when the value is no HTTP proxy URL
     */
    public static ProxyAddress parse(String variable, String value) {
        String text = value.strip();
        String withScheme = text.contains("://") ? text : "http://" + text;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw invalid(variable, withScheme, "it is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw invalid(variable, withScheme, "only http:// proxies are supported (a TLS or SOCKS proxy is not)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(variable, withScheme, "it names no host");
        }
        String user = null;
        String pass = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            pass = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        return new ProxyAddress(variable, uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), user, pass);
    }

    /** {@code http://host:port}, without credentials: what clients take as the proxy's address. */
    public String url() {
        return "http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    @Override
    public String toString() {
        return url() + (hasCredentials() ? " (user " + username + ", password ****)" : "") + " from " + variable;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String variable, String value, String why) {
        return new IllegalArgumentException("the proxy in " + variable + " (" + withoutUserInfo(value) + ") cannot be used: "
                + why);
    }

    /** The value with anything between {@code //} and {@code @} masked, for messages. */
    static String withoutUserInfo(String value) {
        int start = value.indexOf("://");
        int at = value.lastIndexOf('@');
        return start >= 0 && at > start ? value.substring(0, start + 3) + "****@" + value.substring(at + 1) : value;
    }
}
