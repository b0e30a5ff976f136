package io.jenkins.plugins.k8sbackup.selection;

import java.util.List;
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

    public boolean matches(String name) {
        return matches(List.of(name));
    }

    /** True when any of the aliases is included and none is excluded. */
    public boolean matches(List<String> aliases) {
        boolean in = include.isEmpty() || aliases.stream().anyMatch(a -> include.stream().anyMatch(p -> p.matcher(a).matches()));
        boolean out = aliases.stream().anyMatch(a -> exclude.stream().anyMatch(p -> p.matcher(a).matches()));
        return in && !out;
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
