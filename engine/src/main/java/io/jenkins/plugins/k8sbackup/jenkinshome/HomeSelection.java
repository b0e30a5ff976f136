package io.jenkins.plugins.k8sbackup.jenkinshome;

import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;

/**
 * The rules of what belongs to a JENKINS_HOME backup, on '/'-separated paths relative to the home.
 * Defaults follow the official "Backing-up/Restoring Jenkins" guidance; see docs/jenkins-home.md for the why.
 */
final class HomeSelection {
    static final String MASTER_KEY = "secrets/master.key";
    /** Never backed up and never touched by a clean restore, whatever the globs say: rebuildable or huge. */
    static final Set<String> NEVER_TOP = Set.of("workspace", "caches", "cache", "war", "logs", "tools", "updates");
    private static final Set<String> DEFAULT_TOP = Set.of("jobs", "nodes", "users", "userContent", "secrets");
    private static final Set<String> ROOT_KEYS = Set.of("secret.key", "secret.key.not-so-secret", "identity.key.enc");
    private static final List<String> PLUGIN_BINARY_SUFFIXES =
            List.of(".jpi", ".hpi", ".jpi.disabled", ".hpi.disabled", ".jpi.pinned", ".hpi.pinned");

    private final SelectionSpec spec;
    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;
    private final List<String> includeRoots;

    HomeSelection(SelectionSpec spec) {
        this.spec = spec;
        this.includes = spec.includes().stream().map(SelectionSpec::matcher).toList();
        this.excludes = spec.excludes().stream().map(SelectionSpec::matcher).toList();
        this.includeRoots = spec.includes().stream().map(HomeSelection::literalPrefix).toList();
    }

    SelectionSpec spec() {
        return spec;
    }

    /** A regular file outside build records: is it part of the backup? */
    boolean selects(String rel) {
        if (rel.equals(MASTER_KEY) || isNever(rel) || excluded(rel)) {
            return false;
        }
        return selectedByDefault(rel) || matches(includes, rel);
    }

    boolean excluded(String rel) {
        return matches(excludes, rel);
    }

    /** Whether a directory can hold anything selected; everything else is not even listed. */
    boolean worthWalking(String relDir) {
        if (isNever(relDir)) {
            return false;
        }
        String top = relDir.contains("/") ? relDir.substring(0, relDir.indexOf('/')) : relDir;
        if (DEFAULT_TOP.contains(top)) {
            return true;
        }
        if (top.equals("plugins") && !relDir.contains("/") && spec.includePluginBinaries()) {
            return true;
        }
        String dirSlash = relDir + "/";
        for (String root : includeRoots) {
            if (dirSlash.startsWith(root) || root.startsWith(dirSlash)) {
                return true;
            }
        }
        return false;
    }

    /** Workspaces and caches, at the top or inside job directories (old layouts keep workspace/ per job). */
    static boolean isNever(String rel) {
        String[] segments = rel.split("/");
        if (NEVER_TOP.contains(segments[0])) {
            return true;
        }
        if (segments[0].equals("plugins") && segments.length > 2) {
            return true; // exploded plugin directories are rebuilt from the .jpi
        }
        for (String s : segments) {
            if (s.equals("workspace") || s.startsWith("workspace@") || s.endsWith("@tmp")) {
                return true;
            }
        }
        return false;
    }

    private boolean selectedByDefault(String rel) {
        int slash = rel.indexOf('/');
        if (slash < 0) {
            return rel.endsWith(".xml") || ROOT_KEYS.contains(rel);
        }
        String top = rel.substring(0, slash);
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        return switch (top) {
            case "jobs" -> name.equals("config.xml") || name.equals("nextBuildNumber");
            case "nodes", "users", "userContent", "secrets" -> true;
            case "plugins" -> spec.includePluginBinaries() && rel.indexOf('/', slash + 1) < 0
                    && PLUGIN_BINARY_SUFFIXES.stream().anyMatch(name::endsWith);
            default -> false;
        };
    }

    private static boolean matches(List<PathMatcher> matchers, String rel) {
        if (matchers.isEmpty()) {
            return false;
        }
        Path p = Path.of(rel);
        for (PathMatcher m : matchers) {
            if (m.matches(p)) {
                return true;
            }
        }
        return false;
    }

    /** The directory a glob cannot match outside of: "fingerprints/**" gives "fingerprints/", a leading wildcard "". */
    static String literalPrefix(String glob) {
        int meta = glob.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int i = glob.indexOf(c);
            if (i >= 0 && i < meta) {
                meta = i;
            }
        }
        String literal = glob.substring(0, meta);
        return literal.substring(0, literal.lastIndexOf('/') + 1);
    }
}
