package io.jenkins.plugins.k8sbackup.selection;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Include/exclude lists of '*' globs: empty include means everything; exclude wins. */
public final class NameFilter implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Pattern> include;
    private final List<Pattern> exclude;

    public NameFilter(List<String> include, List<String> exclude) {
        this.include = include.stream().map(NameFilter::glob).toList();
        this.exclude = exclude.stream().map(NameFilter::glob).toList();
    }

    /**
     * Answers already given, by name or alias list: a restore, diff or verify asks about the same few namespaces and
     * types for every object of a backup, and the regular expressions cost more than the rest of the test.
     */
    private transient volatile Map<List<String>, Boolean> answers;
    private static final int ANSWERS_KEPT = 4096;

    public boolean matches(String name) {
        return matches(List.of(name));
    }

    /** True when any of the aliases is included and none is excluded. */
    public boolean matches(List<String> aliases) {
        if (include.isEmpty() && exclude.isEmpty()) {
            return true;
        }
        Map<List<String>, Boolean> known = answers;
        if (known == null) {
            known = new ConcurrentHashMap<>();
            answers = known;
        }
        Boolean answer = known.get(aliases);
        if (answer == null) {
            answer = (include.isEmpty() || anyMatches(include, aliases)) && !anyMatches(exclude, aliases);
            if (known.size() < ANSWERS_KEPT) {
                known.put(List.copyOf(aliases), answer);
            }
        }
        return answer;
    }

    private static boolean anyMatches(List<Pattern> patterns, List<String> aliases) {
        for (String a : aliases) {
            for (Pattern p : patterns) {
                if (p.matcher(a).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean includesEverything() {
        return include.isEmpty() || include.stream().anyMatch(p -> p.pattern().equals(".*"));
    }

    static Pattern glob(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("empty name pattern");
        }
        StringBuilder re = new StringBuilder();
        for (char c : glob.trim().toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
