package io.jenkins.plugins.k8sbackup.etcd;

/**
 * What a restore does, or would do, with one kept file: {@code target} is where it goes, {@code mode} the octal
 * mode it gets, {@code detail} why it is refused or in conflict, or what else was done.
 */
public record KeptFileAction(String set, String path, String target, Action action, String mode, String secret,
                             String detail) {

    /**
     * CREATE: written (or to be written) as a new file; UNCHANGED: the target already holds the same content;
     * CONFLICT: the target holds something else, which is never overwritten; REFUSED: unsafe path (traversal, a
     * symbolic link on the way); FAILED: writing it failed; SKIPPED: not written because an earlier write failed.
     */
    public enum Action { CREATE, UNCHANGED, CONFLICT, REFUSED, FAILED, SKIPPED }

    KeptFileAction with(Action newAction, String newDetail) {
        return new KeptFileAction(set, path, target, newAction, mode, secret, newDetail);
    }

    boolean blocks() {
        return action == Action.CONFLICT || action == Action.REFUSED;
    }
}
