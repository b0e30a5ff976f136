package io.jenkins.plugins.k8sbackup.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * The transforms a restore, diff or verify applies, as given: Velero resource modifier documents, then the built-in
 * clone rules. Checked when made (a bad rule is a usage error); compiled afresh for each run ({@link #compile()}).
 */
public record TransformSpec(List<RulesFile> files, CloneRules builtins) implements java.io.Serializable {
    public static final TransformSpec NONE = new TransformSpec(List.of(), CloneRules.NONE);

    public TransformSpec {
        files = files == null ? List.of() : List.copyOf(files);
        builtins = builtins == null ? CloneRules.NONE : builtins;
        try {
            rules(files, builtins);
        } catch (TransformException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public boolean isEmpty() {
        return files.isEmpty() && builtins.isEmpty();
    }

    /** The rules for one run, with their counters at zero. */
    public Transforms compile() {
        return isEmpty() ? Transforms.none() : new Transforms(rules(files, builtins));
    }

    private static List<ModifierRule> rules(List<RulesFile> files, CloneRules builtins) {
        List<ModifierRule> out = new ArrayList<>();
        for (RulesFile f : files) {
            out.addAll(ResourceModifiers.parse(f.source(), f.yaml()));
        }
        out.addAll(builtins.expand());
        return out;
    }
}
