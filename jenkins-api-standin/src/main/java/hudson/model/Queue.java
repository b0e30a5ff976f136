package hudson.model;

import hudson.model.queue.SubTask;
import hudson.security.ACL;
import org.springframework.security.core.Authentication;

/** Stand-in: only the nested {@link Executable} and {@link Task} types. */
public class Queue {
    private Queue() {
    }

    /** What an executor runs: a build, or a part of one (a Pipeline {@code node} block). */
    public interface Executable extends Runnable {
        SubTask getParent();

        /** The build this is a part of, or null for a build itself. */
        default Executable getParentExecutable() {
            return null;
        }
    }

    /** A job, as the queue sees it. */
    public interface Task extends SubTask {
        /** Upstream: SYSTEM unless the task says otherwise; {@code Tasks.getAuthenticationOf2} also asks QueueItemAuthenticators. */
        default Authentication getDefaultAuthentication2() {
            return ACL.SYSTEM2;
        }
    }
}
