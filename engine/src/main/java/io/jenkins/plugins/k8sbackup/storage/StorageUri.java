package io.jenkins.plugins.k8sbackup.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed storage location: {@code file:///abs/path} (or a plain path) or
 * {@code s3://bucket/prefix?endpoint=http://127.0.0.1:9000&region=us-east-1&pathStyle=true}.
 * Credentials never belong in the URI; they come from {@link S3Credentials}.
 */
public sealed interface StorageUri permits StorageUri.Local, StorageUri.S3 {

    /** A printable form, never containing credentials. */
    String describe();

    /** A local directory. */
    record Local(Path root) implements StorageUri {
        @Override
        public String describe() {
            return root.toUri().toString();
        }
    }

    /**
     * An S3 bucket and key prefix ("" or ending with '/'). {@code endpoint} is null for AWS itself;
     * {@code region} is null when it is left to the SDK's region chain.
     */
    record S3(String bucket, String prefix, URI endpoint, String region, boolean pathStyle) implements StorageUri {
        @Override
        public String describe() {
            StringBuilder s = new StringBuilder("s3://").append(bucket).append('/').append(prefix);
            String sep = "?";
            if (endpoint != null) {
                s.append(sep).append("endpoint=").append(endpoint);
                sep = "&";
            }
            if (region != null) {
                s.append(sep).append("region=").append(region);
                sep = "&";
            }
            if (pathStyle) {
                s.append(sep).append("pathStyle=true");
            }
            return s.toString();
        }

        /** Where the bucket is served, for messages. */
        public String endpointDescription() {
            return endpoint != null ? endpoint.toString() : "AWS S3" + (region != null ? " (" + region + ")" : "");
        }
    }

    Set<String> S3_QUERY_KEYS = Set.of("endpoint", "region", "pathStyle");
    /** S3's bucket naming rules, loosely: what any S3-compatible store accepts. */
    Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");
    Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):.*", Pattern.DOTALL);

    static StorageUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("storage URI is empty: use file:///path or s3://bucket/prefix");
        }
        String trimmed = text.strip();
        var scheme = SCHEME.matcher(trimmed);
        if (!scheme.matches()) {
            return new Local(Path.of(trimmed).toAbsolutePath().normalize());
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed storage URI '" + redact(trimmed) + "': " + e.getReason());
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("storage URI '" + redact(trimmed)
                    + "' contains credentials: pass them separately (credentials option or environment), never in the URI");
        }
        return switch (scheme.group(1).toLowerCase(Locale.ROOT)) {
            case "file" -> parseFile(uri, trimmed);
            case "s3" -> parseS3(uri, trimmed);
            default -> throw new IllegalArgumentException("unsupported storage URI scheme '" + scheme.group(1) + "' in '"
                    + redact(trimmed) + "': use file:///absolute/path or s3://bucket/prefix");
        };
    }

    private static Local parseFile(URI uri, String text) {
        if (uri.isOpaque() || uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw new IllegalArgumentException("file storage URI '" + text
                    + "' is relative: use file:///absolute/path (three slashes) or a plain path");
        }
        if (uri.getAuthority() != null && !uri.getAuthority().isEmpty() && !"localhost".equals(uri.getAuthority())) {
            throw new IllegalArgumentException("file storage URI '" + text + "' names host '" + uri.getAuthority()
                    + "': only local paths are supported, use file:///absolute/path");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("file storage URI '" + text + "' must not have a query or fragment");
        }
        return new Local(Path.of(uri.getPath()).toAbsolutePath().normalize());
    }

    private static S3 parseS3(URI uri, String text) {
        String bucket = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
        if (uri.isOpaque() || bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("S3 storage URI '" + redact(text)
                    + "' has no bucket: use s3://bucket/prefix");
        }
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("invalid S3 bucket name '" + bucket + "' in '" + redact(text)
                    + "': 3-63 lower-case letters, digits, '.', '-'");
        }
        if (uri.getPort() != -1) {
            throw new IllegalArgumentException("S3 storage URI '" + redact(text)
                    + "' has a port after the bucket: put the server in ?endpoint=http://host:port");
        }
        String prefix = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/";
        }
        for (String segment : prefix.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("S3 prefix '" + prefix + "' in '" + redact(text)
                        + "' contains '" + segment + "' segments");
            }
        }
        if (prefix.contains("//")) {
            throw new IllegalArgumentException("S3 prefix '" + prefix + "' in '" + redact(text) + "' has an empty segment");
        }
        Map<String, String> query = query(uri, text);
        URI endpoint = query.containsKey("endpoint") ? endpoint(query.get("endpoint"), text) : null;
        String region = query.get("region");
        if (region != null && !region.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("invalid region '" + region + "' in '" + redact(text) + "'");
        }
        // A custom endpoint (MinIO, s3proxy, Ceph) rarely has wildcard DNS for virtual-host buckets.
        boolean pathStyle = endpoint != null;
        if (query.containsKey("pathStyle")) {
            String v = query.get("pathStyle");
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("pathStyle must be true or false, got '" + v + "' in '" + redact(text) + "'");
            }
            pathStyle = Boolean.parseBoolean(v);
        }
        return new S3(bucket, prefix, endpoint, region, pathStyle);
    }

    private static Map<String, String> query(URI uri, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (uri.getRawQuery() == null || uri.getRawQuery().isEmpty()) {
            return out;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!S3_QUERY_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown query parameter '" + key + "' in S3 storage URI '"
                        + redact(text) + "': allowed are endpoint, region, pathStyle");
            }
            if (eq < 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("query parameter '" + key + "' in '" + redact(text) + "' has no value");
            }
            if (out.put(key, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                throw new IllegalArgumentException("query parameter '" + key + "' appears twice in '" + redact(text) + "'");
            }
        }
        return out;
    }

    private static URI endpoint(String value, String text) {
        URI ep = null;
        try {
            ep = new URI(value);
        } catch (URISyntaxException e) {
            // reported below
        }
        if (ep != null && ep.getRawUserInfo() != null) {
            throw new IllegalArgumentException("endpoint in '" + redact(text)
                    + "' contains credentials: pass them separately, never in the URI");
        }
        if (ep == null || !"http".equalsIgnoreCase(ep.getScheme()) && !"https".equalsIgnoreCase(ep.getScheme())
                || ep.getHost() == null) {
            throw new IllegalArgumentException("endpoint '" + redact(value) + "' in '" + redact(text)
                    + "' must be an http:// or https:// URL with a host");
        }
        return ep;
    }

    /** Removes any user-info ("user:secret@") so that a mistaken URI never prints a secret. */
    static String redact(String text) {
        return text.replaceAll("(?<=://)[^/?#@]*@", "***@");
    }
}
