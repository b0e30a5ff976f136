package io.jenkins.plugins.k8sbackup.storage;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where backups are stored, as one typed value that every front-end builds once (the CLI from {@link StorageUri},
 * the Jenkins plugin from its form settings) and passes to {@link StorageFactory}: a directory, or an S3 bucket and
 * prefix. The rules for bucket, prefix, region and endpoint live here and nowhere else. It holds JDK types only, so
 * that it can travel to a Jenkins agent, and never credentials (see {@link S3Credentials}, {@link S3KeyPair}).
 */
public sealed interface StorageLocation extends Serializable permits StorageLocation.Directory, StorageLocation.S3 {

    /** A printable form, never containing credentials. */
    String describe();

    /**
     * A directory, as a path string of the machine that opens it: a Jenkins agent may run another OS than the
     * controller that named it, so the path becomes a {@link Path} only where it is opened.
     */
    record Directory(String path) implements StorageLocation {
        private static final long serialVersionUID = 1L;

        public Directory {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("a storage directory needs a path");
            }
        }

        /** {@code dir}, absolute and normalised. */
        public static Directory of(Path dir) {
            return new Directory(dir.toAbsolutePath().normalize().toString());
        }

        /** The directory on this machine. */
        public Path root() {
            return Path.of(path);
        }

        @Override
        public String describe() {
            return root().toUri().toString();
        }
    }

    /**
     * An S3 bucket and key prefix ("" or ending with '/', no leading '/'). {@code endpoint} is null for AWS itself;
     * {@code region} is null when it is left to the SDK's region chain; {@code pathStyle} is null when not chosen,
     * which means path style with a custom endpoint (MinIO, s3proxy and Ceph rarely have wildcard DNS for
     * virtual-host buckets) and virtual-host style on AWS.
     */
    record S3(String bucket, String prefix, URI endpoint, String region, Boolean pathStyle) implements StorageLocation {
        private static final long serialVersionUID = 1L;
        /** S3's bucket naming rules, loosely: what any S3-compatible store accepts. */
        private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");
        private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]*");

        public S3 {
            if (bucket == null || !BUCKET.matcher(bucket).matches()) {
                throw new IllegalArgumentException("invalid S3 bucket name '" + bucket
                        + "': 3-63 lower-case letters, digits, '.', '-'");
            }
            prefix = normalisedPrefix(prefix);
            if (region != null && !REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("invalid region '" + region + "': use a region name such as eu-west-1");
            }
            checkEndpoint(endpoint);
        }

        /** The location with default settings: AWS, the SDK's region, the default addressing style. */
        public static S3 of(String bucket, String prefix) {
            return new S3(bucket, prefix, null, null, null);
        }

        /** {@code text} as an endpoint URL; the same errors as a bad endpoint given as a URI. */
        public static URI endpoint(String text) {
            URI ep;
            try {
                ep = new URI(text);
            } catch (URISyntaxException | NullPointerException e) {
                throw new IllegalArgumentException("endpoint '" + StorageUri.redact(String.valueOf(text))
                        + "' must be an http:// or https:// URL with a host");
            }
            checkEndpoint(ep);
            return ep;
        }

        private static void checkEndpoint(URI ep) {
            if (ep == null) {
                return;
            }
            if (ep.getRawUserInfo() != null) {
                throw new IllegalArgumentException("the endpoint contains credentials: pass them separately, never in the endpoint");
            }
            if (!"http".equalsIgnoreCase(ep.getScheme()) && !"https".equalsIgnoreCase(ep.getScheme()) || ep.getHost() == null) {
                throw new IllegalArgumentException("endpoint '" + ep + "' must be an http:// or https:// URL with a host");
            }
            if (ep.getRawQuery() != null || ep.getRawFragment() != null) {
                throw new IllegalArgumentException("endpoint '" + ep + "' must not have a query or fragment");
            }
        }

        private static String normalisedPrefix(String given) {
            String prefix = given == null ? "" : given.strip().replaceFirst("^/+", "");
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix += "/";
            }
            for (String segment : prefix.split("/", -1)) {
                if (segment.equals("..") || segment.equals(".")) {
                    throw new IllegalArgumentException("S3 prefix '" + prefix + "' contains '" + segment + "' segments");
                }
            }
            if (prefix.contains("//")) {
                throw new IllegalArgumentException("S3 prefix '" + prefix + "' has an empty segment");
            }
            if (prefix.contains("?") || prefix.contains("#")) {
                throw new IllegalArgumentException("S3 prefix '" + prefix + "' must not contain '?' or '#'");
            }
            return prefix;
        }

        /** Whether requests name the bucket in the path ({@code http://host/bucket/key}) rather than the host. */
        public boolean usesPathStyle() {
            return pathStyle != null ? pathStyle : endpoint != null;
        }

        /** This location with {@code defaultRegion} and {@code defaultEndpoint} where it names none (both may be null). */
        public S3 withDefaults(String defaultRegion, URI defaultEndpoint) {
            return new S3(bucket, prefix, endpoint != null ? endpoint : defaultEndpoint,
                    region != null ? region : defaultRegion, pathStyle);
        }

        /** The full object key of {@code key}, a key relative to this location (see {@link StorageKeys}). */
        public String keyOf(String key) {
            return prefix + key;
        }

        /** The inverse of {@link #keyOf}: {@code fullKey} relative to this location. */
        public String relativeKey(String fullKey) {
            return fullKey.substring(prefix.length());
        }

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
            if (usesPathStyle()) {
                s.append(sep).append("pathStyle=true");
            }
            return s.toString();
        }

        /** Where the bucket is served, for messages. */
        public String endpointDescription() {
            return endpoint != null ? endpoint.toString() : "AWS S3" + (region != null ? " (" + region + ")" : "");
        }
    }
}
