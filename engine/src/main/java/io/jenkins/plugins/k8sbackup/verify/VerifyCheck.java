package io.jenkins.plugins.k8sbackup.verify;

/**
 * A user check expressed against the API, e.g. {@code serviceHasEndpoints:shop/web}: the Endpoints object of
 * that Service exists with at least one ready address. {@code namespace} is the live one (after mapping).
 */
public record VerifyCheck(Kind kind, String namespace, String name) implements java.io.Serializable {
    public enum Kind {
        /** Endpoints namespace/name has at least one ready address. */
        serviceHasEndpoints
    }

    public VerifyCheck {
        if (kind == null || namespace == null || namespace.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a check needs a kind, a namespace and a name");
        }
    }

    /** Parses "kind:namespace/name", as given on a command line. */
    public static VerifyCheck parse(String text) {
        int colon = text.indexOf(':');
        int slash = text.indexOf('/', colon + 1);
        if (colon <= 0 || slash < 0) {
            throw new IllegalArgumentException("invalid check '" + text + "': expected kind:namespace/name, e.g. serviceHasEndpoints:shop/web");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(text.substring(0, colon));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown check kind '" + text.substring(0, colon) + "' (known: serviceHasEndpoints)");
        }
        return new VerifyCheck(kind, text.substring(colon + 1, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return kind + ":" + namespace + "/" + name;
    }
}
