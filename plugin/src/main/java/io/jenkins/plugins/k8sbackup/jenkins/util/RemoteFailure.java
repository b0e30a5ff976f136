package io.jenkins.plugins.k8sbackup.jenkins.util;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns any failure inside an agent callable into a plain {@link IOException} (JDK type, no cause) whose masked
 * message carries the whole cause chain. Core's remoting class filter refuses classes from jars without a plugin
 * manifest, so an engine exception holding a fabric8 {@code Status} or an SDK {@code AwsErrorDetails} would reach
 * the controller as a class-filter error instead of its message.
 */
public final class RemoteFailure {
    /** What a callable body may do: the work itself, throwing anything. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    private RemoteFailure() {}

    /** Runs {@code work}; an interruption stays one, every other failure becomes {@link #plain}. */
    public static <T> T call(Work<T> work, SecretMasker masker) throws IOException, InterruptedException {
        try {
            return work.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | LinkageError | AssertionError e) {
            throw plain(e, masker);
        }
    }

    public static IOException plain(Throwable failure, SecretMasker masker) {
        return new IOException(masker.mask(StepRemedies.reword(failure, flatten(failure))));
    }

    /** "message; caused by: Type: message; ..." without repeating a message its wrapper already quotes. */
    static String flatten(Throwable failure) {
        List<String> parts = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        String previous = null;
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            String message = t.getMessage();
            String text = message == null || message.isBlank() ? t.getClass().getName()
                    : t == failure && isPlain(t) ? message : t.getClass().getSimpleName() + ": " + message;
            if (previous == null || message == null || !previous.contains(message)) {
                parts.add(text);
            }
            if (message != null) {
                previous = message;
            }
        }
        return String.join("; caused by: ", parts);
    }

    private static boolean isPlain(Throwable t) {
        return t.getClass().getName().startsWith("java.") || t.getClass().getName().startsWith("io.jenkins.plugins.k8sbackup.");
    }
}
