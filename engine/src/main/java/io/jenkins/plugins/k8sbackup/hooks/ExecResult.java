package io.jenkins.plugins.k8sbackup.hooks;

/** How one exec ended: an exit code, or a failure before there was one (timeout, connection, no such pod). */
public record ExecResult(Integer exitCode, String stderrTail, String failure) {

    public boolean succeeded() {
        return failure == null && exitCode != null && exitCode == 0;
    }

    public String describe() {
        if (failure != null) {
            return failure;
        }
        return "exit code " + exitCode + (stderrTail == null || stderrTail.isBlank() ? "" : ": " + stderrTail.strip());
    }
}
