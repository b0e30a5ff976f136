package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a rule does to an object its conditions match. */
interface RulePatch {
    /**
     * Returns the patched object, a new one that may share unchanged parts with {@code object}, which is left as it
     * is (the caller compares the two); or null when the patch does not apply (a JSON Patch whose test operation
     * fails). Throws when it cannot apply.
     */
    ObjectNode apply(String resource, ObjectNode object);

    /** One line for the preview and the report: what kind of patch, how many parts. */
    String describe();
}
