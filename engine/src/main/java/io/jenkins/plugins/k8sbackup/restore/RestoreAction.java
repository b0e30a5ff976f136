package io.jenkins.plugins.k8sbackup.restore;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a restore did (or, in a dry-run, would do) with one object of the backup. */
public enum RestoreAction {
    CREATE("create"),
    UPDATE("update"),
    REPLACE("replace"),
    /** Exists and matches the backup. */
    SKIP_IDENTICAL("skip-identical"),
    /** Exists, differs, and the policy is skip: a warning. */
    SKIP_DIFFERS("skip-differs"),
    /** A Namespace or CRD the selection needs, already present: not compared. */
    SKIP_EXISTS("skip-exists"),
    /** Never restored by rule (e.g. a generated ServiceAccount token). */
    SKIP_RULE("skip-rule"),
    FAIL("fail");

    private final String label;

    RestoreAction(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public boolean skipped() {
        return name().startsWith("SKIP");
    }
}
