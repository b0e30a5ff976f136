package hudson.util;

import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

public abstract class FormValidation extends IOException implements HttpResponse {
    private static final long serialVersionUID = 1L;

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation ok() {
        return ok(null);
    }

    public static FormValidation ok(String message) {
        return new Simple(Kind.OK, message);
    }

    public static FormValidation warning(String message) {
        return new Simple(Kind.WARNING, message);
    }

    public static FormValidation error(String message) {
        return new Simple(Kind.ERROR, message);
    }

    public static FormValidation validateRequired(String value) {
        return value == null || value.isBlank() ? error("This field is required") : ok();
    }

    public enum Kind { OK, WARNING, ERROR }

    private static final class Simple extends FormValidation {
        private static final long serialVersionUID = 1L;

        Simple(Kind kind, String message) {
            super(kind, message);
        }
    }
}
