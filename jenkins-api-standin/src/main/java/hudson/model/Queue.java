package hudson.model;

import hudson.model.queue.SubTask;

/** Stand-in: only the nested {@link Executable} type. */
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
}
