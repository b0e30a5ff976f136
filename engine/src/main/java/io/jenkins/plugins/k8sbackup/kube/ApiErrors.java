package io.jenkins.plugins.k8sbackup.kube;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Says what a failed API call really met, and where: the API server's answer (code, reason, message and the fields
 * it names), or, when fabric8 gave up before any answer (its "An error has occurred." hides why), the client-side
 * cause: a request that could not be built (a name no URL path can carry), an object that does not fit fabric8's
 * model, or no connection. Never a request body.
 */
public final class ApiErrors {
    private ApiErrors() {}

    /** A full sentence, e.g. "refused by the API server: 422 Invalid: ... (field metadata.name: ...)". */
    public static String describe(KubernetesClientException e) {
        if (e.getCode() > 0) {
            return "refused by the API server: " + serverAnswer(e);
        }
        Throwable root = rootCause(e);
        if (find(e, URISyntaxException.class) != null) {
            return "not sent: the Kubernetes client could not build the request URL (a name or namespace no URL path can"
                    + " carry): " + firstLine(root);
        }
        JsonMappingException mapping = find(e, JsonMappingException.class);
        if (mapping != null) {
            return "the Kubernetes client could not map the JSON to its model of the object: " + mapping.getOriginalMessage()
                    + (mapping.getPath().isEmpty() ? "" : " (at " + mapping.getPathReference() + ")");
        }
        if (root instanceof IOException) {
            return "no answer from the API server: " + firstLine(root);
        }
        return "failed in the Kubernetes client before any answer from the API server: " + firstLine(root);
    }

    /** The short form: "(422 Invalid) message" for an answer, "(not sent: ...) cause" otherwise. */
    public static String reason(KubernetesClientException e) {
        if (e.getCode() > 0) {
            Status s = e.getStatus();
            String message = s != null && s.getMessage() != null ? s.getMessage() : e.getMessage();
            return "(" + e.getCode() + (s != null && s.getReason() != null ? " " + s.getReason() : "") + ") "
                    + firstLine(message) + fields(s, message);
        }
        return "(" + describe(e) + ")";
    }

    private static String serverAnswer(KubernetesClientException e) {
        Status s = e.getStatus();
        String message = s != null && s.getMessage() != null ? s.getMessage() : e.getMessage();
        return e.getCode() + (s != null && s.getReason() != null ? " " + s.getReason() : "") + ": " + firstLine(message)
                + fields(s, message);
    }

    /** The fields the Status names that its message does not already mention. */
    private static String fields(Status s, String message) {
        if (s == null || s.getDetails() == null || s.getDetails().getCauses() == null) {
            return "";
        }
        List<String> named = new ArrayList<>();
        for (StatusCause c : s.getDetails().getCauses()) {
            if (c.getField() != null && (message == null || !message.contains(c.getField()))) {
                named.add("field " + c.getField() + (c.getMessage() == null ? "" : ": " + c.getMessage()));
            }
        }
        return named.isEmpty() ? "" : " (" + String.join("; ", named) + ")";
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (type.isInstance(x)) {
                return type.cast(x);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : firstLine(m);
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
