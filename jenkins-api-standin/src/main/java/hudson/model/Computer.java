package hudson.model;

import java.util.ArrayList;
import java.util.List;

/** Stand-in: a computer holds the executors tests give it ({@link #removeExecutor} is its only mutator upstream). */
public abstract class Computer extends Actionable {
    final List<Executor> executors = new ArrayList<>();

    protected Computer(Node node) {
    }

    /** Upstream: the regular and the one-off (flyweight) executors. */
    public List<Executor> getAllExecutors() {
        return List.copyOf(executors);
    }

    protected void removeExecutor(Executor e) {
        executors.remove(e);
    }
}
