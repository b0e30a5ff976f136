package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One object after the transforms: the object to write (null when a rule leaves it out, {@code excludedBy} names
 * that rule) and what each rule changed.
 */
public record Transformed(ObjectNode object, String excludedBy, List<RuleChange> changes) {
    public boolean excluded() {
        return excludedBy != null;
    }

    /** The reason an excluded object's report line gives. */
    public String exclusionReason() {
        return "left out by transform rule " + excludedBy;
    }
}
