package io.jenkins.plugins.k8sbackup.jenkins.util;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces every known secret value (tokens, passwords, keys resolved from credentials) with {@code ****}
 * in text bound for the build log, a report or an error message. Built on the controller, where the
 * secrets are resolved, and shipped with the work to the agent.
 */
public final class SecretMasker implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String MASK = "****";
    /** Shorter values would mask ordinary words; credentials that short are refused elsewhere or harmless. */
    static final int MIN_LENGTH = 4;

    private final List<String> secrets;

    private SecretMasker(List<String> secrets) {
        this.secrets = secrets;
    }

    public static SecretMasker none() {
        return new SecretMasker(List.of());
    }

    /** A masker that also hides {@code more}; blank and very short values are ignored. */
    public SecretMasker with(String... more) {
        Set<String> all = new LinkedHashSet<>(secrets);
        for (String s : more) {
            if (s != null && s.strip().length() >= MIN_LENGTH) {
                all.add(s);
                if (!s.equals(s.strip())) {
                    all.add(s.strip());
                }
            }
        }
        List<String> sorted = new ArrayList<>(all);
        // Longest first, so a secret containing another is masked whole.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMasker(List.copyOf(sorted));
    }

    public SecretMasker with(SecretMasker other) {
        return with(other.secrets.toArray(String[]::new));
    }

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    @Override
    public String toString() {
        return "SecretMasker[" + secrets.size() + " values]";
    }
}
