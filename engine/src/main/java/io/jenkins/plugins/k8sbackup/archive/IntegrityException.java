package io.jenkins.plugins.k8sbackup.archive;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** A backup, or the part of it asked for, failed its integrity check: nothing was read from it. */
public class IntegrityException extends IOException {
    private static final long serialVersionUID = 1L;
    private final List<IntegrityProblem> problems; // an unmodifiable List.copyOf: serialisable, as agents send exceptions back

    public IntegrityException(String backup, List<IntegrityProblem> problems) {
        super("backup '" + backup + "' is damaged: " + problems.stream().map(IntegrityProblem::toString)
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<IntegrityProblem> problems() {
        return problems;
    }
}
