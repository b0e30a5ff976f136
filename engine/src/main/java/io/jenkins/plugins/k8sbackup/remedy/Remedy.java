package io.jenkins.plugins.k8sbackup.remedy;

/**
 * The setting a user changes to get past a refusal, named without any front-end's words: the CLI renders it as its
 * flag, the Jenkins steps as their parameter. The engine's own wording ({@link #neutral}) is what a plain
 * {@code getMessage()} says.
 */
public enum Remedy {
    /** The backup is encrypted and no key was given; the detail is the key's fingerprint. */
    GIVE_ENCRYPTION_KEY("give the backup's encryption key (fingerprint %s)"),
    /** A key was given, not the backup's; the detail is the fingerprint of the backup's key. */
    GIVE_OTHER_ENCRYPTION_KEY("give the key with fingerprint %s"),
    /** The restore target looks like the home of a running Jenkins; the check can be skipped once it is surely stopped. */
    SKIP_LIVE_CHECK("if Jenkins is surely stopped, disable this check"),
    /** The kubeconfig named does not exist; the detail is its path. */
    GIVE_KUBECONFIG("give a kubeconfig that exists (not %s)"),
    /** The kubeconfig has no such context; the detail is the context named. */
    GIVE_CONTEXT("name a context of the kubeconfig (not '%s')"),
    /** The storage location does not exist; the detail is the location. */
    FIX_STORAGE("create %s first, or name another storage location"),
    /** A complete backup has the name already; the detail is the name. */
    CHOOSE_OTHER_NAME("choose another name than '%s', or delete that backup first"),
    /** Another run writes, reads or deletes the backup; the detail is the backup's name. */
    WAIT_FOR_OTHER_RUN("try again when it is done (listing the backups shows what holds '%s')");

    private final String neutral;

    Remedy(String neutral) {
        this.neutral = neutral;
    }

    /** The engine's wording, with {@code detail} filled in. */
    public String neutral(String detail) {
        return String.format(neutral, detail);
    }
}
