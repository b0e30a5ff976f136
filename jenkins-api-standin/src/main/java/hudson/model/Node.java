package hudson.model;

/** Stand-in: only the type; upstream {@code Jenkins} is the built-in node (through AbstractCIBase). */
public abstract class Node {
    public Node() {
    }
}
