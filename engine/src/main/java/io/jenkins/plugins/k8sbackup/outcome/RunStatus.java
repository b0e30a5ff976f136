package io.jenkins.plugins.k8sbackup.outcome;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * How a run ended, in the one vocabulary of every command and step, with the CLI's exit code: Completed (0),
 * PartiallyFailed (3: something was skipped, refused or lost, or a verification passed with warnings) and Failed (1).
 * Verification words them pass, passed-with-warnings and fail (its verdict PASS, WARN, FAIL). The names are what
 * manifests and reports store: never rename them.
 */
public enum RunStatus {
    Completed(0, 0, "pass", "PASS"),
    PartiallyFailed(1, 3, "passed-with-warnings", "WARN"),
    Failed(2, 1, "fail", "FAIL");

    /** Order of badness, stated rather than taken from the declaration order. */
    private final int severity;
    private final int exitCode;
    private final String verifyLabel;
    private final String verdict;

    RunStatus(int severity, int exitCode, String verifyLabel, String verdict) {
        this.severity = severity;
        this.exitCode = exitCode;
        this.verifyLabel = verifyLabel;
        this.verdict = verdict;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The word a verification report stores: pass, passed-with-warnings, fail. */
    public String verifyLabel() {
        return verifyLabel;
    }

    /** The verdict a verification step returns: PASS, WARN, FAIL. */
    public String verdict() {
        return verdict;
    }

    /** The worse of the two: Failed over PartiallyFailed over Completed. */
    public RunStatus worse(RunStatus other) {
        return other != null && other.severity > severity ? other : this;
    }

    /** Writes a status as its {@link #verifyLabel()}, for the verification report's stored {@code result}. */
    public static final class AsVerifyLabel extends StdSerializer<RunStatus> {
        private static final long serialVersionUID = 1L;

        public AsVerifyLabel() {
            super(RunStatus.class);
        }

        @Override
        public void serialize(RunStatus value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.verifyLabel());
        }
    }
}
