package io.jenkins.plugins.k8sbackup.transform;

/** A rule that cannot be read, or a patch that fails on an object; the message names the rule (and the object). */
public final class TransformException extends RuntimeException {
    public TransformException(String message) {
        super(message);
    }

    public TransformException(String message, Throwable cause) {
        super(message, cause);
    }
}
