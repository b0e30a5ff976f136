package io.jenkins.plugins.k8sbackup.jenkins.util;

import hudson.AbortException;

/**
 * Turns whatever the engine or the credential plumbing throws into an {@link AbortException} whose message
 * says what failed (never a stack trace in the build log, never a secret).
 */
public final class Failures {
    private Failures() {}

    public static AbortException abort(String stepName, Throwable e, SecretMasker masker) {
        if (e instanceof AbortException a) {
            return a;
        }
        String message = StepRemedies.reword(e, e.getMessage());
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        AbortException abort = new AbortException(stepName + " failed: " + masker.mask(firstLine(message)));
        return abort;
    }

    static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
