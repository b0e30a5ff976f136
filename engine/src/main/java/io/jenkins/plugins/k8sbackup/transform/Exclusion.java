package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A built-in rule's "leave the object out" (e.g. prod Secrets, HPAs): the object is not restored, diffed or verified. */
final class Exclusion implements RulePatch {
    @Override
    public ObjectNode apply(String resource, ObjectNode object) {
        throw new IllegalStateException("an exclusion is not applied, it is checked first");
    }

    @Override
    public String describe() {
        return "leave the object out";
    }
}
