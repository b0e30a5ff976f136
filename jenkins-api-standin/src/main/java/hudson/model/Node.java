package hudson.model;

/** Stand-in: only the type, so that {@link Computer} has its real constructor. */
public abstract class Node {
    public Node() {
    }
}
