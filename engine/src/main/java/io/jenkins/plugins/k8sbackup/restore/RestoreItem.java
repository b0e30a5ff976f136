package io.jenkins.plugins.k8sbackup.restore;

/**
 * One object of the backup and its outcome. {@code namespace} is the target (after mapping),
 * {@code sourceNamespace} the one in the backup; {@code message} carries a warning or an error's reason.
 */
public record RestoreItem(String resource, String namespace, String name, String sourceNamespace,
                          RestoreAction action, String message) {

    public String ref() {
        return resource + " " + (namespace == null ? "" : namespace + "/") + name;
    }

    @Override
    public String toString() {
        return action.label() + " " + ref() + (message == null ? "" : ": " + message);
    }
}
