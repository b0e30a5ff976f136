package io.jenkins.plugins.k8sbackup.archive;

/**
 * Names inside a Kubernetes backup (see docs/storage-layout.md):
 * {@code resources/<plural[.group]>/namespaces/<ns>/<name>.json} or {@code .../cluster/<name>.json},
 * with {@code .enc} appended when the entry is encrypted. Parsing refuses anything else, so a crafted
 * archive cannot make a reader write or look outside the layout.
 */
public final class ArchivePaths {
    public static final String RESOURCES = "resources/";
    public static final String INDEX = "objects.jsonl.zst";

    private ArchivePaths() {}

    public record Parsed(String resource, String namespace, String name, boolean encrypted) {}

    public static String entryPath(String resource, String namespace, String name, boolean encrypted) {
        checkSegment(resource, "resource");
        checkSegment(name, "name");
        String scope = namespace == null || namespace.isEmpty() ? "cluster" : "namespaces/" + checkSegment(namespace, "namespace");
        return RESOURCES + resource + "/" + scope + "/" + name + (encrypted ? ".json.enc" : ".json");
    }

    /** The storage key of one type's archive, relative to the backup's prefix. */
    public static String typeArchive(String resource) {
        return RESOURCES + checkSegment(resource, "resource") + ".tar.zst";
    }

    public static Parsed parse(String path) {
        if (!path.startsWith(RESOURCES)) {
            throw new IllegalArgumentException("unexpected archive entry '" + path + "'");
        }
        boolean encrypted = path.endsWith(".json.enc");
        if (!encrypted && !path.endsWith(".json")) {
            throw new IllegalArgumentException("unexpected archive entry '" + path + "'");
        }
        String body = path.substring(RESOURCES.length(), path.length() - (encrypted ? 9 : 5));
        String[] s = body.split("/", -1);
        if (s.length == 3 && s[1].equals("cluster")) {
            return new Parsed(checkSegment(s[0], "resource"), null, checkSegment(s[2], "name"), encrypted);
        }
        if (s.length == 4 && s[1].equals("namespaces")) {
            return new Parsed(checkSegment(s[0], "resource"), checkSegment(s[2], "namespace"),
                    checkSegment(s[3], "name"), encrypted);
        }
        throw new IllegalArgumentException("unexpected archive entry '" + path + "'");
    }

    /** Kubernetes names may hold ':' or '@', but never '/', NUL, or be "." or "..". */
    static String checkSegment(String s, String what) {
        if (s == null || s.isEmpty() || s.equals(".") || s.equals("..") || s.indexOf('/') >= 0
                || s.indexOf('\\') >= 0 || s.indexOf('\0') >= 0 || s.length() > 253) {
            throw new IllegalArgumentException("unsafe " + what + " '" + s + "' in archive path");
        }
        return s;
    }
}
