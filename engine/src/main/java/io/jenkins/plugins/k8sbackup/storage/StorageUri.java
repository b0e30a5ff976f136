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
 * The URI form of a {@link StorageLocation}, as the CLI takes it: {@code file:///abs/path} (or a plain path) or
 * {@code s3://bucket/prefix?endpoint=http://127.0.0.1:9000&region=us-east-1&pathStyle=true}. Parsed here once;
 * the location's own rules (bucket, prefix, region, endpoint) are checked by {@link StorageLocation.S3}.
 * Credentials never belong in the URI; they come from {@link S3Credentials}.
 */
public final class StorageUri {
    private static final Set<String> S3_QUERY_KEYS = Set.of("endpoint", "region", "pathStyle");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):.*", Pattern.DOTALL);

    private StorageUri() {}

    public static StorageLocation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("storage URI is empty: use file:///path or s3://bucket/prefix");
        }
        String trimmed = text.strip();
        var scheme = SCHEME.matcher(trimmed);
        if (!scheme.matches()) {
            return StorageLocation.Directory.of(Path.of(trimmed));
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

    private static StorageLocation.Directory parseFile(URI uri, String text) {
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
        return StorageLocation.Directory.of(Path.of(uri.getPath()));
    }

    private static StorageLocation.S3 parseS3(URI uri, String text) {
        String bucket = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
        if (uri.isOpaque() || bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("S3 storage URI '" + redact(text)
                    + "' has no bucket: use s3://bucket/prefix");
        }
        if (uri.getPort() != -1) {
            throw new IllegalArgumentException("S3 storage URI '" + redact(text)
                    + "' has a port after the bucket: put the server in ?endpoint=http://host:port");
        }
        Map<String, String> query = query(uri, text);
        try {
            URI endpoint = query.containsKey("endpoint") ? StorageLocation.S3.endpoint(query.get("endpoint")) : null;
            Boolean pathStyle = null;
            if (query.containsKey("pathStyle")) {
                String v = query.get("pathStyle");
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("pathStyle must be true or false, got '" + v + "'");
                }
                pathStyle = Boolean.parseBoolean(v);
            }
            return new StorageLocation.S3(bucket, uri.getPath(), endpoint, query.get("region"), pathStyle);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (in storage URI '" + redact(text) + "')", e);
        }
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

    /** Removes any user-info ("user:secret@") so that a mistaken URI never prints a secret. */
    public static String redact(String text) {
        return text.replaceAll("(?<=://)[^/?#@]*@", "***@");
    }
}
