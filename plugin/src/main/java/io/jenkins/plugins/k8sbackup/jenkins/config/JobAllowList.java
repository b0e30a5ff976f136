package io.jenkins.plugins.k8sbackup.jenkins.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The jobs allowed to run the administrative steps (jenkinsBackup, jenkinsRestore): one full job name per
 * line, where {@code *} matches within one folder level and {@code **} across levels, e.g.
 * {@code ops/jenkins-backup} or {@code ops/**}. Blank lines and lines starting with '#' are ignored.
 */
public final class JobAllowList {
    private final List<Pattern> patterns;

    private JobAllowList(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    public static JobAllowList parse(String text) {
        List<Pattern> patterns = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    patterns.add(toRegex(entry));
                }
            }
        }
        return new JobAllowList(List.copyOf(patterns));
    }

    public boolean allows(String fullName) {
        return fullName != null && patterns.stream().anyMatch(p -> p.matcher(fullName).matches());
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
