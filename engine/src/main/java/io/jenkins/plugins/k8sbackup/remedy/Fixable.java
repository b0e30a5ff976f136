package io.jenkins.plugins.k8sbackup.remedy;

/** An exception that a setting fixes: its message is {@link Fix#message()}, and front-ends may reword the remedy. */
public interface Fixable {
    /** What fixes it, or null when this instance names no setting. */
    Fix fix();
}
