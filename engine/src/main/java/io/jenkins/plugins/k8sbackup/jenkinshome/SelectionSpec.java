package io.jenkins.plugins.k8sbackup.jenkinshome;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.List;

/**
 * What a backup selects beyond the fixed defaults. Recorded in every manifest, so that a restore with
 * {@code clean} knows the scope it may delete in, and {@code auto} mode knows whether the last full is comparable.
 *
 * @param includeBuilds         add {@code jobs/**}{@code /builds/**}, limited by the two budgets below
 * @param buildsMaxAge          skip builds whose newest file is older than this (null: no limit)
 * @param buildsMaxBytes        newest builds first, stop before this many bytes (null: no limit)
 * @param includePluginBinaries add {@code plugins/*.jpi|*.hpi} and their .disabled/.pinned markers
 * @param includes              extra java.nio glob patterns relative to JENKINS_HOME, e.g. {@code fingerprints/**}
 * @param excludes              globs removed from everything above (excludes win)
 */
public record SelectionSpec(boolean includeBuilds, Duration buildsMaxAge, Long buildsMaxBytes,
                            boolean includePluginBinaries, List<String> includes, List<String> excludes) {

    public static final SelectionSpec DEFAULTS = new SelectionSpec(false, null, null, false, List.of(), List.of());

    public SelectionSpec {
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        includes.forEach(SelectionSpec::matcher);
        excludes.forEach(SelectionSpec::matcher);
        if (buildsMaxAge != null && (buildsMaxAge.isNegative() || buildsMaxAge.isZero())) {
            throw new IllegalArgumentException("builds max age must be positive, got " + buildsMaxAge);
        }
        if (buildsMaxBytes != null && buildsMaxBytes < 0) {
            throw new IllegalArgumentException("builds max size must be >= 0, got " + buildsMaxBytes);
        }
    }

    static PathMatcher matcher(String glob) {
        if (glob == null || glob.isBlank() || glob.startsWith("/") || glob.contains("\\")) {
            throw new IllegalArgumentException("'" + glob + "' is not a glob relative to JENKINS_HOME (use '/' separators, e.g. jobs/**/builds/**)");
        }
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid glob '" + glob + "': " + e.getMessage(), e);
        }
    }
}
