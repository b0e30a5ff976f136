package io.jenkins.plugins.k8sbackup.remedy;

/**
 * A refusal split into what is wrong and what fixes it, so that each front-end can say the fix in its own words:
 * {@code problem} ("backup 'x' holds 3 encrypted objects"), the {@link Remedy} and its {@code detail} (a fingerprint,
 * a name, a path).
 */
public record Fix(String problem, Remedy remedy, String detail) implements java.io.Serializable {
    /** The message in the engine's words: the problem, then the remedy. */
    public String message() {
        return problem + ": " + remedy.neutral(detail);
    }

    /** The message with the remedy in a front-end's words. */
    public String message(String remedyInOwnWords) {
        return problem + ": " + remedyInOwnWords;
    }

    /** The first fix carried by {@code failure} or one of its causes, or null. */
    public static Fix of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Fixable f && f.fix() != null) {
                return f.fix();
            }
        }
        return null;
    }
}
