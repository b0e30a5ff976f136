package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.remedy.Fix;

/** Says what fixes a refusal with the CLI's own flags ("use --skip-live-check if Jenkins is stopped"). */
final class CliRemedies {
    private CliRemedies() {}

    /** The failure's message with its remedy in CLI words, or null when it carries no {@link Fix}. */
    static String message(Throwable failure) {
        Fix fix = Fix.of(failure);
        return fix == null ? null : fix.message(words(fix));
    }

    static String words(Fix fix) {
        String d = fix.detail();
        return switch (fix.remedy()) {
            case GIVE_ENCRYPTION_KEY -> "give --encryption-key-file (fingerprint " + d + "); --encryption-key-env and "
                    + "--encryption-passphrase-file give it too";
            case GIVE_OTHER_ENCRYPTION_KEY -> "give --encryption-key-file with the key of fingerprint " + d;
            case SKIP_LIVE_CHECK -> "use --skip-live-check if Jenkins is stopped";
            case GIVE_KUBECONFIG -> "give --kubeconfig FILE (default: $KUBECONFIG, else ~/.kube/config)";
            case GIVE_CONTEXT -> "give --context with one of the kubeconfig's contexts (kubectl config get-contexts lists them)";
            case FIX_STORAGE -> "create " + d + " first, or fix --storage";
            case CHOOSE_OTHER_NAME -> "give another --name, or delete that backup first (k8s-backup delete " + d + ")";
            case WAIT_FOR_OTHER_RUN -> "try again when it is done (k8s-backup list shows what holds " + d + ")";
        };
    }
}
