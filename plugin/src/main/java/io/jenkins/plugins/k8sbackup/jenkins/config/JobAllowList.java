package io.jenkins.plugins.k8sbackup.jenkins.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jobs allowed to run the administrative steps (jenkinsBackup, jenkinsRestore), one entry per line. An entry
 * names one job exactly ({@code ops/jenkins-backup}). Patterns ({@code *} within one folder level, {@code **} across
 * levels) are honoured only when the administrator enabled them, and never match a job whose Pipeline script comes
 * from SCM (see {@link ScriptOrigin}) unless the entry ends with {@code allowScm: true}: a pattern then hands the step
 * to whoever can push to a repository, not to whoever an administrator trusted with the job's configuration.
 * Blank lines and lines starting with '#' are ignored. Job names cannot contain '*' or ':', so both are unambiguous.
 */
public final class JobAllowList {
    private static final Pattern OPTION = Pattern.compile("^(.*?)\\s+allowScm:\\s*(\\S+)$");

    /** One line: an exact name ({@code pattern == null}) or a pattern, and whether it may match SCM-driven jobs. */
    record Entry(String text, Pattern pattern, boolean allowScm) {}

    /** Whether a job may run the step, and why not (for the refusal message). */
    public record Decision(boolean allowed, String reason) {}

    private final List<Entry> entries;
    private final List<String> problems;
    private final boolean patternsEnabled;

    private JobAllowList(List<Entry> entries, List<String> problems, boolean patternsEnabled) {
        this.entries = entries;
        this.problems = problems;
        this.patternsEnabled = patternsEnabled;
    }

    public static JobAllowList parse(String text, boolean patternsEnabled) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                boolean allowScm = false;
                Matcher option = OPTION.matcher(entry);
                if (option.matches()) {
                    String value = option.group(2).toLowerCase(Locale.ROOT);
                    if (!value.equals("true") && !value.equals("false")) {
                        problems.add("'" + entry + "': allowScm must be true or false");
                        continue;
                    }
                    allowScm = value.equals("true");
                    entry = option.group(1).strip();
                }
                if (entry.contains(":")) {
                    problems.add("'" + entry + "': the only option is 'allowScm: true'");
                    continue;
                }
                boolean isPattern = entry.contains("*");
                if (isPattern && !patternsEnabled) {
                    problems.add("'" + entry + "' is a pattern: enable 'Allow patterns' or name the jobs exactly");
                }
                entries.add(new Entry(entry, isPattern ? toRegex(entry) : null, allowScm));
            }
        }
        return new JobAllowList(List.copyOf(entries), List.copyOf(problems), patternsEnabled);
    }

    /**
     * @param scmControlled why the job's script is controlled through SCM, or empty; asked only when a pattern matches
     */
    public Decision check(String fullName, Supplier<Optional<String>> scmControlled) {
        List<String> notes = new ArrayList<>();
        for (Entry e : entries) {
            if (e.pattern() == null) {
                if (e.text().equals(fullName)) {
                    return new Decision(true, "listed by name");
                }
            } else if (e.pattern().matcher(fullName).matches()) {
                if (!patternsEnabled) {
                    notes.add("it matches '" + e.text() + "', but patterns are not enabled");
                    continue;
                }
                if (e.allowScm()) {
                    return new Decision(true, "matches '" + e.text() + "' (allowScm: true)");
                }
                Optional<String> scm = scmControlled.get();
                if (scm.isEmpty()) {
                    return new Decision(true, "matches '" + e.text() + "'");
                }
                notes.add("it matches '" + e.text() + "', but " + scm.get() + ", so whoever can push to that repository "
                        + "would decide what runs; name the job exactly, or add 'allowScm: true' to that entry");
            }
        }
        return new Decision(false, notes.isEmpty() ? "it is not on the list" : String.join("; ", notes));
    }

    /** What is wrong with the text (syntax, patterns without the opt-in); empty when nothing is. */
    public List<String> problems() {
        return problems;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public boolean hasPatterns() {
        return entries.stream().anyMatch(e -> e.pattern() != null);
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
