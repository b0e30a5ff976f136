package io.jenkins.plugins.k8sbackup.jenkins.util;

import io.jenkins.plugins.k8sbackup.remedy.Fix;

/**
 * Says what fixes a refusal with the steps' parameter names ("set encryptionCredentialsId ..."), where the engine's
 * message says it in neutral words.
 */
public final class StepRemedies {
    private StepRemedies() {}

    /** {@code text} (the failure's message, or a text quoting it) with the remedy in the steps' words. */
    public static String reword(Throwable failure, String text) {
        Fix fix = Fix.of(failure);
        return fix == null || text == null ? text : text.replace(fix.message(), fix.message(words(fix)));
    }

    static String words(Fix fix) {
        String d = fix.detail();
        return switch (fix.remedy()) {
            case GIVE_ENCRYPTION_KEY -> "set encryptionCredentialsId (keyCredentialsId on jenkinsBackup and jenkinsRestore)"
                    + " to the credential of the backup's key (fingerprint " + d + ")";
            case GIVE_OTHER_ENCRYPTION_KEY -> "set encryptionCredentialsId (keyCredentialsId on jenkinsBackup and jenkinsRestore)"
                    + " to the credential of the key with fingerprint " + d;
            case SKIP_LIVE_CHECK -> "no step parameter skips this check: stop that Jenkins, or give jenkinsRestore another target";
            case GIVE_KUBECONFIG -> "set credentialsId to a kubeconfig credential, or serverUrl with a token credential";
            case GIVE_CONTEXT -> "set context to one of the kubeconfig's contexts, or leave it out for the current one";
            case FIX_STORAGE -> "create " + d + " first, or fix the step's storage";
            case CHOOSE_OTHER_NAME -> "set another name, or delete that backup first";
            case WAIT_FOR_OTHER_RUN -> "run the step again when it is done (k8sBackupList shows what holds " + d + ")";
        };
    }
}
