package hudson.model;

import java.util.ArrayList;
import java.util.List;

/** Stand-in: a computer of a node holds the executors tests give it ({@link #removeExecutor} is its only mutator upstream). */
public abstract class Computer extends Actionable {
    final List<Executor> executors = new ArrayList<>();
    private final Node node;

    protected Computer(Node node) {
        this.node = node;
    }

    /** Upstream: null when the node was removed; the built-in node is the {@code Jenkins} instance itself. */
    public Node getNode() {
        return node;
    }

    /** Upstream: the regular and the one-off (flyweight) executors. */
    public List<Executor> getAllExecutors() {
        return List.copyOf(executors);
    }

    protected void removeExecutor(Executor e) {
        executors.remove(e);
    }
}
