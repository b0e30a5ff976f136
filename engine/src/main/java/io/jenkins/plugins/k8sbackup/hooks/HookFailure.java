package io.jenkins.plugins.k8sbackup.hooks;

/** A hook that did not succeed; {@code onError} says whether it is an error of the run or a warning. */
public record HookFailure(String namespace, String pod, String hook, String phase, OnError onError, String reason) {
    @Override
    public String toString() {
        return phase + " hook " + hook + " in pod " + namespace + "/" + pod + " failed: " + reason;
    }
}
